package dev.contactrouter.codec;

import dev.contactrouter.core.Recorded;
import static dev.contactrouter.codec.SpecJson.instant;
import static dev.contactrouter.codec.SpecJson.putIfSet;

import dev.contactrouter.store.JournalHead;
import dev.contactrouter.store.JournalVerifier;
import dev.contactrouter.store.StoredEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The journal's events as they leave the engine: on the event bus between the API and a
 * domain's writer, in a contact's history, and in the audit export (NDJSON and CSV lines).
 */
public final class JournalJson {
  /** The CSV export's header line. */
  public static final String CSV_HEADER =
      "domain,seq,at,actor,type,contact_id,agent_id,customer_id,payload,prev_hash,hash\r\n";

  private JournalJson() {}

  // ------------------------------------------------------------ event bus

  public static JsonObject stored(StoredEvent e) {
    JsonObject json = new JsonObject()
        .put("domain", e.domain())
        .put("seq", e.seq())
        .put("at", e.at())
        .put("actor", e.actor())
        .put("type", e.type());
    putIfSet(json, "contactId", e.contactId());
    putIfSet(json, "agentId", e.agentId());
    putIfSet(json, "customerId", e.customerId());
    return json.put("payload", e.payload()).put("prevHash", e.prevHash()).put("hash", e.hash());
  }

  public static StoredEvent stored(JsonObject json) {
    return new StoredEvent(
        json.getString("domain"), json.getLong("seq"), json.getLong("at"), json.getString("actor"),
        json.getString("type"), json.getString("contactId"), json.getString("agentId"),
        json.getString("customerId"), json.getString("payload"), json.getString("prevHash"),
        json.getString("hash"));
  }

  public static JsonArray storedList(List<StoredEvent> events) {
    JsonArray out = new JsonArray();
    events.forEach(e -> out.add(stored(e)));
    return out;
  }

  public static List<StoredEvent> storedList(JsonArray json) {
    List<StoredEvent> out = new ArrayList<>(json.size());
    json.forEach(o -> out.add(stored((JsonObject) o)));
    return out;
  }

  public static JsonObject head(JournalHead h) {
    return new JsonObject().put("domain", h.domain()).put("epoch", h.epoch()).put("seq", h.seq()).put("hash", h.hash());
  }

  public static JournalHead head(JsonObject json) {
    return new JournalHead(json.getString("domain"), json.getLong("epoch"), json.getLong("seq"), json.getString("hash"));
  }

  // ------------------------------------------------------------ for people

  /**
   * One event of a contact's history: when, who or which rule ({@code actor}; {@code router} for
   * a routing decision), what ({@code type} and the event's fields, including an offer's
   * {@code reasons}, as the API shows events), and its place in the chain. The stored text is
   * decoded in its stored format ({@code decoded}: sealed personal fields opened with the customer's
 * key, or erased), never served as it is.
   */
  public static JsonObject historyEvent(StoredEvent e, Recorded decoded) {
    return new JsonObject()
        .put("seq", e.seq())
        .put("at", instant(e.at()))
        .put("actor", e.actor())
        .mergeIn(EventJson.encode(decoded.event()))
        .put("hash", e.hash());
  }

  /** A verification report as the API and the command show it. */
  public static JsonObject report(JournalVerifier.Report r) {
    JsonObject json = new JsonObject()
        .put("domain", r.domain())
        .put("intact", r.intact())
        .put("checked", r.checked())
        .put("lastSeq", r.lastSeq())
        .put("lastHash", r.lastHash());
    putIfSet(json, "brokenAt", r.brokenAt());
    putIfSet(json, "problem", r.problem());
    return json;
  }

  /** One NDJSON line: the stored event with its exact text in {@code payload}. */
  public static String ndjsonLine(StoredEvent e) {
    JsonObject json = new JsonObject()
        .put("domain", e.domain())
        .put("seq", e.seq())
        .put("at", instant(e.at()))
        .put("actor", e.actor())
        .put("type", e.type());
    putIfSet(json, "contactId", e.contactId());
    putIfSet(json, "agentId", e.agentId());
    putIfSet(json, "customerId", e.customerId());
    return json.put("payload", e.payload()).put("prevHash", e.prevHash()).put("hash", e.hash()).encode() + "\n";
  }

  /** The stored event of one NDJSON line ({@link #ndjsonLine}); fails on anything else. */
  public static StoredEvent ndjsonEvent(String line) {
    JsonObject json = new JsonObject(line);
    return stored(json.put("at", java.time.Instant.parse(json.getString("at")).toEpochMilli()));
  }

  /** One CSV record (RFC 4180), columns as in {@link #CSV_HEADER}. */
  public static String csvLine(StoredEvent e) {
    StringBuilder s = new StringBuilder(e.payload().length() + 256);
    cell(s, e.domain()).append(',').append(e.seq()).append(',').append(instant(e.at())).append(',');
    cell(s, e.actor()).append(',');
    cell(s, e.type()).append(',');
    cell(s, e.contactId()).append(',');
    cell(s, e.agentId()).append(',');
    cell(s, e.customerId()).append(',');
    cell(s, e.payload()).append(',');
    return s.append(e.prevHash()).append(',').append(e.hash()).append("\r\n").toString();
  }

  /**
   * A quoted cell. A text cell that a spreadsheet would read as a formula (starting with =, +,
   * -, @, tab or carriage return) gets a leading apostrophe, as OWASP advises; the payload starts
   * with a brace, so the hashed text is never changed.
   */
  private static StringBuilder cell(StringBuilder s, String value) {
    if (value == null) {
      return s;
    }
    String v = value;
    if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
      v = "'" + v;
    }
    return s.append('"').append(v.replace("\"", "\"\"")).append('"');
  }
}

package dev.contactrouter.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One domain's journal read straight from PostgreSQL ({@code journal_events}, in seq order) and
 * the invariants the cluster must keep, checked by replaying it: a contact is offered to or held
 * by one agent at a time, an agent never holds more than its capacity, every acknowledged contact
 * was queued exactly once.
 */
final class JournalReplay {
  /** One stored event. */
  record Stored(long seq, long atMillis, String type, String contactId, String agentId, JsonObject payload) {}

  private final String domain;
  private final List<Stored> events;

  private JournalReplay(String domain, List<Stored> events) {
    this.domain = domain;
    this.events = events;
  }

  static JournalReplay read(Pool pool, String domain) throws Exception {
    List<Stored> out = new ArrayList<>();
    for (Row r : pool.preparedQuery(
            "SELECT seq, at, type, contact_id, agent_id, payload FROM journal_events WHERE domain = $1 ORDER BY seq")
        .execute(Tuple.of(domain)).await(30, TimeUnit.SECONDS)) {
      out.add(new Stored(r.getLong("seq"), r.getOffsetDateTime("at").toInstant().toEpochMilli(), r.getString("type"),
          r.getString("contact_id"), r.getString("agent_id"), new JsonObject(r.getString("payload"))));
    }
    return new JournalReplay(domain, out);
  }

  /** The domain's row in {@code journal_domains} (epoch, last_seq, and owner and lease_until where present). */
  static JsonObject domainRow(Pool pool, String domain) throws Exception {
    for (Row r : pool.preparedQuery("SELECT * FROM journal_domains WHERE domain = $1")
        .execute(Tuple.of(domain)).await(30, TimeUnit.SECONDS)) {
      JsonObject row = new JsonObject();
      for (int i = 0; i < r.size(); i++) {
        Object value = r.getValue(i);
        if (value instanceof OffsetDateTime t) {
          value = t.toString();
        } else if (value != null && !(value instanceof String || value instanceof Number || value instanceof Boolean)) {
          continue; // hashes (bytea) say nothing here
        }
        row.put(r.getColumnName(i), value);
      }
      return row;
    }
    return null;
  }

  /**
   * For every domain: each contact the load saw acknowledged was queued exactly once (by id and by
   * its idempotency key), no key was queued twice, seq numbers follow one by one, offers stayed
   * exclusive (capacity one), and GET /v1/audit/verify reports an intact chain. The journals read.
   */
  static Map<String, JournalReplay> assertKeptEverything(ClusterNodes nodes, CentreLoad load) throws Exception {
    Map<String, JournalReplay> out = new LinkedHashMap<>();
    Map<String, CentreLoad.Acked> acked = load.acknowledged();
    for (String d : nodes.domains()) {
      JournalReplay j = read(nodes.pool(), d);
      out.put(d, j);
      for (int i = 0; i < j.events.size(); i++) {
        assertThat(j.events.get(i).seq()).as("%s: seq numbers follow one by one", d).isEqualTo(i + 1L);
      }
      Map<String, Integer> byId = j.queuedById();
      Map<String, Integer> byKey = j.queuedByKey();
      List<String> lost = new ArrayList<>();
      for (CentreLoad.Acked a : acked.values()) {
        if (a.domain().equals(d) && (byId.getOrDefault(a.id(), 0) != 1 || byKey.getOrDefault(a.key(), 0) != 1)) {
          lost.add(a + " queued " + byId.getOrDefault(a.id(), 0) + " times by id, " + byKey.getOrDefault(a.key(), 0)
              + " by key");
        }
      }
      assertThat(lost).as("%s: acknowledged contacts not in the journal exactly once", d).isEmpty();
      assertThat(byKey.entrySet().stream().filter(e -> e.getValue() > 1).toList())
          .as("%s: idempotency keys queued more than once", d).isEmpty();
      assertThat(j.exclusivityViolations(1)).as("%s: offers and assignments exclusive", d).isEmpty();
      JsonObject report = nodes.verifyChain(d);
      assertThat(report.getBoolean("intact")).as("%s: chain verifies: %s", d, report).isTrue();
      assertThat(report.getLong("lastSeq")).as("%s: verified to the journal's end", d).isGreaterThanOrEqualTo((long) j.events.size());
    }
    return out;
  }

  /**
   * One line of counts for a fault's report: contact creations sent (retries included) and those
   * answered 503, contacts acknowledged, acknowledged contacts not in the journal exactly once
   * (lost), and breaches of "one holder per contact, one contact per agent" (double-assigned).
   */
  static String counts(CentreLoad load, Map<String, JournalReplay> journals) {
    Map<String, CentreLoad.Acked> acked = load.acknowledged();
    long lost = 0;
    long doubled = 0;
    for (Map.Entry<String, JournalReplay> e : journals.entrySet()) {
      Map<String, Integer> byId = e.getValue().queuedById();
      lost += acked.values().stream()
          .filter(a -> a.domain().equals(e.getKey()) && byId.getOrDefault(a.id(), 0) != 1).count();
      doubled += e.getValue().exclusivityViolations(1).size();
    }
    return "requests=" + load.creationsSent() + " acknowledged=" + acked.size() + " lost=" + lost
        + " double-assigned=" + doubled + " answered-503=" + load.creations503();
  }

  List<Stored> events() {
    return events;
  }

  /** How often each idempotency key (carried as the contact's externalId) was queued. */
  Map<String, Integer> queuedByKey() {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (Stored e : events) {
      if (e.type().equals("contact_queued")) {
        String key = e.payload().getJsonObject("contact", new JsonObject()).getString("externalId");
        if (key != null) {
          out.merge(key, 1, Integer::sum);
        }
      }
    }
    return out;
  }

  /** How often each contact id was queued. */
  Map<String, Integer> queuedById() {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (Stored e : events) {
      if (e.type().equals("contact_queued")) {
        out.merge(e.contactId(), 1, Integer::sum);
      }
    }
    return out;
  }

  /** The first event of {@code type} at or after {@code millis}, or null. */
  Stored firstAfter(String type, long millis) {
    for (Stored e : events) {
      if (e.type().equals(type) && e.atMillis() >= millis) {
        return e;
      }
    }
    return null;
  }

  long count(String type, long sinceMillis) {
    return events.stream().filter(e -> e.type().equals(type) && e.atMillis() >= sinceMillis).count();
  }

  /**
   * Replays offers and assignments: every breach of "one holder per contact" and "at most
   * {@code capacity} contacts (offered or assigned) per agent", as readable lines.
   */
  List<String> exclusivityViolations(int capacity) {
    Map<String, String> holder = new LinkedHashMap<>();
    Map<String, Integer> load = new LinkedHashMap<>();
    List<String> out = new ArrayList<>();
    for (Stored e : events) {
      JsonObject p = e.payload();
      switch (e.type()) {
        case "offer_made" -> {
          String agent = p.getString("agentId");
          String contact = p.getString("contactId");
          String held = holder.get(contact);
          if (held != null) {
            out.add(domain + " seq " + e.seq() + ": contact " + contact + " offered to " + agent + " while held by " + held);
          }
          holder.put(contact, agent);
          int now = load.merge(agent, 1, Integer::sum);
          if (now > capacity) {
            out.add(domain + " seq " + e.seq() + ": agent " + agent + " holds " + now + " contacts (capacity " + capacity + ")");
          }
        }
        case "offer_rejected", "offer_timed_out", "offer_revoked" -> release(holder, load, p.getString("contactId"),
            p.getString("agentId"), e, out);
        case "contact_completed" -> release(holder, load, p.getString("contactId"), p.getString("agentId"), e, out);
        case "contact_abandoned" -> {
          String contact = p.getString("contactId");
          String held = holder.get(contact);
          if (held != null) {
            release(holder, load, contact, held, e, out);
          }
        }
        case "contact_transferred" -> {
          String from = p.getString("fromAgent");
          if (from != null) {
            release(holder, load, p.getString("contactId"), from, e, out);
          }
        }
        case "offer_accepted" -> {
          String contact = p.getString("contactId");
          if (!p.getString("agentId").equals(holder.get(contact))) {
            out.add(domain + " seq " + e.seq() + ": " + p.getString("agentId") + " accepted " + contact
                + " offered to " + holder.get(contact));
          }
        }
        default -> {
          // no effect on who holds what
        }
      }
    }
    return out;
  }

  private void release(Map<String, String> holder, Map<String, Integer> load, String contact, String agent, Stored e,
      List<String> out) {
    if (!agent.equals(holder.get(contact))) {
      out.add(domain + " seq " + e.seq() + ": " + e.type() + " of " + contact + " by " + agent + " which was held by "
          + holder.get(contact));
      return;
    }
    holder.remove(contact);
    load.merge(agent, -1, Integer::sum);
  }
}

package dev.contactrouter.api;

import static dev.contactrouter.testing.EngineUnderTest.A1;
import static dev.contactrouter.testing.EngineUnderTest.ADMIN;
import static dev.contactrouter.testing.EngineUnderTest.SUPERVISOR;
import static dev.contactrouter.testing.EngineUnderTest.TELEPHONY;
import static dev.contactrouter.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import dev.contactrouter.testing.EngineExtension;
import dev.contactrouter.testing.EngineUnderTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * Crypto-shredding against the real PostgreSQL journal: once an administrator erases a customer's
 * personal data, none of it is anywhere in the database (a pg_dump of it is searched), in the
 * audit export or in the engine's log; the contact, its history and a restarted engine show the
 * customer as erased; the hash chain still verifies; the reports are what they were; and another
 * customer's data still reads.
 */
@Timeout(120)
class PersonalDataErasureIT {
  @RegisterExtension
  static final EngineExtension engines = EngineExtension.onPostgres().startedByTest()
      // Snapshots as often as the state allows: they hold the customer's data in clear until erased.
      .with("ROUTER_SNAPSHOT_EVERY", 1);

  /** A customer's personal values, each distinctive enough to be searched for in a dump. */
  private record Customer(String id, String name, String phone, String notes) {}

  private static final Customer ERASED = new Customer("acct-7731-0042", "Erasable Wang", "+86 138 7777 1234",
      "promised a callback about margin 7731");
  private static final Customer KEPT = new Customer("acct-8842-0099", "Kept Li", null, "kept notes 8842");
  private static final String RANGE = "?from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z";
  private static final List<String> REPORTS = List.of("queues", "agents", "headline", "stages");

  @Test
  void erasedDataIsGoneEverywhereWhileTheTrailAndTheReportsStand() throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    OutputStreamAppender<ILoggingEvent> appender = captureLogs(log);
    String erasedContact;
    String keptContact;
    try {
      try (EngineUnderTest e = engines.start(new JsonObject())) {
        await(e.stocksDesk(15, 0));
        await(e.status("a1", A1, "available"));
        erasedContact = contact(e, ERASED.id(), ERASED.name(), ERASED.phone());
        // Staff free text about the customer (revision 13): sealed under the customer's key too.
        e.ok("POST", "/v1/contacts/" + erasedContact + "/major", TELEPHONY,
            new JsonObject().put("reason", "threatens the regulator over margin 7731"));
        served(e, erasedContact, ERASED.notes());
        keptContact = contact(e, KEPT.id(), KEPT.name(), "+86 139 8888 0000");
        served(e, keptContact, KEPT.notes());

        // Before: the customer's data reads wherever it is shown, and history finds it by its id.
        JsonObject before = e.ok("GET", "/v1/contacts/" + erasedContact, SUPERVISOR, null);
        assertThat(before.getJsonObject("customer").getString("name")).isEqualTo(ERASED.name());
        assertThat(e.ok("GET", "/v1/contacts/" + erasedContact + "/history", SUPERVISOR, null).encode())
            .contains(ERASED.name(), ERASED.notes());
        assertThat(customerContacts(e, ERASED.id())).containsExactly(erasedContact);
        List<String> reportsBefore = reports(e);
        assertThat(dumpOnceItHolds(ERASED.name())).as("a snapshot holds the name before the erasure (the dump shows it)")
            .contains(ERASED.name());

        // Bad requests: no reason, not an administrator.
        HttpResponse<String> noReason = e.send("DELETE", "/v1/customers/" + ERASED.id() + "/personal-data", ADMIN, null);
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(noReason.headers().firstValue("Content-Type")).hasValueSatisfying(
            t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(noReason.body()).contains("reason");
        assertThat(e.send("DELETE", erasure(ERASED.id()), SUPERVISOR, null).statusCode()).isEqualTo(403);

        JsonObject erased = e.ok("DELETE", erasure(ERASED.id()), ADMIN, null);
        assertThat(erased.getBoolean("erased")).isTrue();
        assertThat(erased.getInteger("keysDestroyed")).isGreaterThanOrEqualTo(1);
        HttpResponse<String> again = e.send("DELETE", erasure(ERASED.id()), ADMIN, null);
        assertThat(again.statusCode()).as("nothing is held any more").isEqualTo(404);

        // After: erased in the live state, the history and the export; the other customer intact.
        assertErased(e, erasedContact);
        assertKept(e, keptContact);
        assertThat(reports(e)).isEqualTo(reportsBefore);
        JsonObject verify = e.ok("GET", "/v1/audit/verify", ADMIN, null);
        assertThat(verify.getBoolean("intact")).as(verify.encode()).isTrue();
        String export = e.send("GET", "/v1/audit", SUPERVISOR, null).body();
        assertThat(export).contains("personal_data_erased", erasedContact);
        assertNoPersonalValue("the audit export", export);
      }

      String dump = pgDump();
      assertThat(dump).contains("journal_events", erasedContact);
      assertNoPersonalValue("a dump of the database", dump);

      // A restart rebuilds from the journal alone: still erased, still intact, the other one kept.
      try (EngineUnderTest e = engines.start(new JsonObject())) {
        assertErased(e, erasedContact);
        assertKept(e, keptContact);
        assertThat(e.ok("GET", "/v1/audit/verify", ADMIN, null).getBoolean("intact")).isTrue();
      }
    } finally {
      releaseLogs(appender);
    }
    assertNoPersonalValue("the engine's log", log.toString(StandardCharsets.UTF_8));
  }

  private static String contact(EngineUnderTest e, String customerId, String name, String phone) {
    return e.ok("POST", "/v1/contacts", TELEPHONY, new JsonObject().put("channel", "voice").put("queue", "stocks")
        .put("customer", new JsonObject().put("id", customerId).put("name", name).put("tier", "vip").put("riskLevel", 3))
        .put("attributes", new JsonObject().put("mobile", phone))).getString("id");
  }

  /** a1 (free, wrap-up 0) is offered the contact, accepts and completes it with {@code notes}. */
  private static void served(EngineUnderTest e, String contactId, String notes) {
    String offer = e.ok("GET", "/v1/contacts/" + contactId, SUPERVISOR, null).getJsonObject("offer").getString("offerId");
    e.ok("POST", "/v1/offers/" + offer + "/accept", A1, null);
    e.ok("POST", "/v1/contacts/" + contactId + "/complete", A1,
        new JsonObject().put("disposition", "resolved").put("notes", notes));
  }

  private static String erasure(String customerId) {
    return "/v1/customers/" + customerId + "/personal-data?reason=PIPL%20art.%2047%20request%20R-17";
  }

  private static void assertErased(EngineUnderTest e, String contactId) {
    JsonObject contact = e.ok("GET", "/v1/contacts/" + contactId, SUPERVISOR, null);
    assertThat(contact.getJsonObject("customer").getString("name")).isEqualTo("[erased]");
    assertThat(contact.getJsonObject("customer").getString("id")).startsWith("erased:");
    assertThat(contact.getString("queue")).isEqualTo("stocks");
    assertThat(contact.getString("status")).isEqualTo("completed");
    String history = e.ok("GET", "/v1/contacts/" + contactId + "/history", SUPERVISOR, null).encode();
    assertThat(history).contains("[erased]", "offer_accepted", "contact_completed");
    assertNoPersonalValue("the contact and its history", contact.encode() + history);
    assertThat(customerContacts(e, ERASED.id())).as("no key links the customer to a contact").isEmpty();
  }

  private static void assertKept(EngineUnderTest e, String contactId) {
    JsonObject contact = e.ok("GET", "/v1/contacts/" + contactId, SUPERVISOR, null);
    assertThat(contact.getJsonObject("customer").getString("name")).isEqualTo(KEPT.name());
    assertThat(contact.getJsonObject("customer").getString("id")).isEqualTo(KEPT.id());
    assertThat(contact.getString("notes")).isEqualTo(KEPT.notes());
    assertThat(e.ok("GET", "/v1/contacts/" + contactId + "/history", SUPERVISOR, null).encode())
        .contains(KEPT.name(), KEPT.notes());
    assertThat(customerContacts(e, KEPT.id())).containsExactly(contactId);
  }

  private static List<String> customerContacts(EngineUnderTest e, String customerId) {
    HttpResponse<String> r = e.send("GET", "/v1/customers/" + customerId + "/contacts", SUPERVISOR, null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    new JsonArray(r.body()).forEach(c -> ids.add(((JsonObject) c).getString("id")));
    return ids;
  }

  /** Each report's body, as the API answers it. */
  private static List<String> reports(EngineUnderTest e) {
    List<String> out = new ArrayList<>();
    for (String kind : REPORTS) {
      HttpResponse<String> r = e.send("GET", "/v1/reports/" + kind + RANGE, SUPERVISOR, null);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      out.add(r.body());
    }
    return out;
  }

  private static void assertNoPersonalValue(String where, String text) {
    for (String value : List.of(ERASED.id(), ERASED.name(), ERASED.phone(), ERASED.notes(), "7777 1234", "margin 7731")) {
      assertThat(text).as("%s holds the erased customer's %s", where, value).doesNotContain(value);
    }
  }

  /** The whole test database as pg_dump writes it (schema and data, every table). */
  private static String pgDump() throws Exception {
    var options = engines.database().options();
    Process dump = new ProcessBuilder("pg_dump", "-h", options.getHost(), "-p", String.valueOf(options.getPort()),
        "-U", options.getUser(), "--no-password", engines.database().name())
        .redirectErrorStream(true).start();
    byte[] out = dump.getInputStream().readAllBytes();
    assertThat(dump.waitFor(60, TimeUnit.SECONDS)).as("pg_dump finished").isTrue();
    String text = new String(out, StandardCharsets.UTF_8);
    assertThat(dump.exitValue()).as(text).isZero();
    return text;
  }

  /** A dump of the database once it holds {@code text} (a snapshot is stored a moment after its batch), or the last one. */
  private static String dumpOnceItHolds(String text) throws Exception {
    String dump = pgDump();
    for (int i = 0; i < 50 && !dump.contains(text); i++) {
      Thread.sleep(100);
      dump = pgDump();
    }
    return dump;
  }

  private static OutputStreamAppender<ILoggingEvent> captureLogs(ByteArrayOutputStream out) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%level %logger %msg %kvp %mdc %ex%n");
    encoder.start();
    OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    appender.setContext(context);
    appender.setEncoder(encoder);
    appender.setOutputStream(out);
    appender.start();
    root().addAppender(appender);
    return appender;
  }

  private static void releaseLogs(OutputStreamAppender<ILoggingEvent> appender) {
    root().detachAppender(appender);
    appender.stop();
  }

  private static Logger root() {
    return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }
}

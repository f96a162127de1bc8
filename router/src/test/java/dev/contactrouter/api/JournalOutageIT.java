package dev.contactrouter.api;

import static dev.contactrouter.testing.Await.await;
import static dev.contactrouter.testing.Await.until;
import static dev.contactrouter.testing.EngineUnderTest.A1;
import static dev.contactrouter.testing.EngineUnderTest.ADMIN;
import static dev.contactrouter.testing.EngineUnderTest.A2;
import static dev.contactrouter.testing.EngineUnderTest.SUPERVISOR;
import static dev.contactrouter.testing.EngineUnderTest.TELEPHONY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.testing.EngineExtension;
import dev.contactrouter.testing.EngineUnderTest;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.pgclient.PgConnectOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PostgreSQL becomes unreachable mid-run: the engine reaches it through a TCP proxy that the test
 * cuts while contacts keep arriving, then restores. During the outage state-changing commands get
 * 503 with Retry-After and their effects never show, while reads of current state (contacts, agents,
 * queues, rules, complaints, follow-ups, staffing, keys, sockets, sign-in ...) keep working, answered
 * from the committed state, while reads only the journal can answer (history, reports, audit) get 503;
 * the engine reconnects by itself; no acknowledged contact is lost, before or after a restart,
 * and the journal's chain verifies. The shared server itself is never touched.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JournalOutageIT {
  private static final long WAIT_SECONDS = 30;
  private static final Duration WAIT = Duration.ofSeconds(WAIT_SECONDS);

  @RegisterExtension
  static final EngineExtension engines = EngineExtension.onPostgres().startedByTest();

  private Vertx vertx;
  private TcpProxy proxy;

  private final Map<String, String> acknowledged = new LinkedHashMap<>();
  private int unavailable;
  private final List<String> unexpected = new ArrayList<>();
  private boolean stop;

  @BeforeEach
  void setUp() {
    vertx = engines.vertx();
    PgConnectOptions target = PgConnectOptions.fromUri(engines.database().url());
    proxy = new TcpProxy(target.getHost(), target.getPort());
    await(vertx.deployVerticle(proxy));
  }

  @Test
  void anUnreachableJournalMeans503NotLossAndTheEngineRecoversByItself() throws Exception {
    String url = engines.database().url();
    EngineUnderTest engine = engines.start(new JsonObject()
        .put("ROUTER_PG_URL", url.replace(":" + PgConnectOptions.fromUri(url).getPort() + "/", ":" + proxy.port() + "/"))
        .put("ROUTER_JOURNAL_TIMEOUT_MS", 1000)
        .put("ROUTER_SNAPSHOT_EVERY", 20));
    await(engine.stocksDesk(600, 0));
    await(engine.status("a1", A1, "available"));
    JsonObject first = await(engine.newContact(new JsonObject()));
    assertThat(first.getString("status")).isEqualTo("offered");
    JsonObject assigned = await(engine.ok(HttpMethod.POST, "/v1/offers/" + first.getJsonObject("offer").getString("offerId")
        + "/accept", A1, null));
    acknowledged.put(first.getString("id"), assigned.getString("status"));

    // Contacts keep arriving (queued: a1 is busy, a2 offline) while the database goes away.
    Context load = vertx.getOrCreateContext();
    List<Future<Void>> loops = new ArrayList<>();
    Promise<Void> started = Promise.promise();
    load.runOnContext(v -> {
      for (int i = 0; i < 4; i++) {
        loops.add(arrivals(engine));
      }
      started.complete();
    });
    await(started.future());
    until("30 contacts acknowledged", () -> onLoad(load, () -> acknowledged.size() >= 30), WAIT);

    await(proxy.cut());
    until("503s while the journal is away", () -> onLoad(load, () -> unavailable >= 100), WAIT);

    // Reads of current state keep working, and show exactly what was acknowledged.
    Map<String, String> before = onLoad(load, () -> new LinkedHashMap<>(acknowledged));
    for (Map.Entry<String, String> c : before.entrySet()) {
      JsonObject read = await(engine.ok(HttpMethod.GET, "/v1/contacts/" + c.getKey(), SUPERVISOR, null));
      assertThat(read.getString("status")).as("read during the outage").isEqualTo(c.getValue());
    }
    // Every read of current state answers from the committed state (a 404 is an answer too:
    // nothing of that name was committed); a customer's contacts fall back to memory; the reads
    // that only the journal itself can answer get 503 with Retry-After, never a 500.
    List<Object[]> reads = List.of(
        new Object[] {"/v1/rules", SUPERVISOR, 200}, new Object[] {"/v1/complaints", SUPERVISOR, 200},
        new Object[] {"/v1/complaints?nearBreach=true", SUPERVISOR, 200},
        new Object[] {"/v1/complaints/no-such-case", SUPERVISOR, 404}, new Object[] {"/v1/follow-ups", SUPERVISOR, 200},
        new Object[] {"/v1/agents", SUPERVISOR, 200}, new Object[] {"/v1/agents/a1", SUPERVISOR, 200},
        new Object[] {"/v1/agents/a2", A2, 200}, new Object[] {"/v1/queues", SUPERVISOR, 200},
        new Object[] {"/v1/queues/stocks", SUPERVISOR, 200}, new Object[] {"/v1/queues/stocks/stats", SUPERVISOR, 200},
        new Object[] {"/v1/queues/stocks/contacts", SUPERVISOR, 200},
        new Object[] {"/v1/queues/stocks/staffing?arrivalsPerHour=120", SUPERVISOR, 200},
        new Object[] {"/v1/calendars", SUPERVISOR, 200}, new Object[] {"/v1/calendars/none", SUPERVISOR, 404},
        new Object[] {"/v1/categories", SUPERVISOR, 200}, new Object[] {"/v1/categories/none", SUPERVISOR, 404},
        new Object[] {"/v1/calls/no-such-call@127.0.0.1", TELEPHONY, 404},
        new Object[] {"/v1/customers/k-0/contacts", SUPERVISOR, 200}, new Object[] {"/v1/keys", ADMIN, 200},
        new Object[] {"/v1/cluster", SUPERVISOR, 200},
        new Object[] {"/v1/contacts/" + first.getString("id") + "/history", SUPERVISOR, 503},
        new Object[] {"/v1/reports/headline?interval=day", SUPERVISOR, 503},
        new Object[] {"/v1/audit/verify", SUPERVISOR, 503});
    for (Object[] read : reads) {
      HttpResponse<Buffer> answer = await(engine.call(HttpMethod.GET, (String) read[0], (String) read[1], null));
      assertThat(answer.statusCode()).as("GET %s during the outage: %s", read[0], answer.bodyAsString()).isEqualTo(read[2]);
      if (answer.statusCode() == 503) {
        assertThat(answer.getHeader("Retry-After")).as("GET %s", read[0]).isNotBlank();
      }
    }
    // A console still connects (its session from the committed state), signs in, and gets tickets;
    // a failed sign-in is still refused (its audit record is only logged meanwhile).
    assertThat(engine.upgrade("/v1/agents/a1/ws", A1, null)).isEqualTo(101);
    assertThat(engine.send("POST", "/v1/auth/login", null, new JsonObject().put("username", "li")
        .put("password", "pw-li-123")).statusCode()).isEqualTo(200);
    assertThat(engine.send("POST", "/v1/auth/login", null, new JsonObject().put("username", "li")
        .put("password", "wrong")).statusCode()).isEqualTo(401);
    assertThat(engine.send("POST", "/v1/auth/ws-ticket", SUPERVISOR, (JsonObject) null).statusCode()).isEqualTo(201);
    HttpResponse<Buffer> refused = await(engine.call(HttpMethod.PUT, "/v1/agents/a2/status", A2,
        new JsonObject().put("status", "available")));
    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.getHeader("Retry-After")).isNotBlank();
    assertThat(await(engine.ok(HttpMethod.GET, "/v1/agents/a2", SUPERVISOR, null)).getString("status"))
        .as("a refused change does not show").isEqualTo("offline");
    assertThat(await(engine.web.get("/health").send()).statusCode()).isEqualTo(503);

    await(proxy.restore());
    until("the engine takes commands again", () -> await(engine.web.get("/health").send()).statusCode() == 200, WAIT);
    until("arrivals acknowledged again", () -> onLoad(load, () -> acknowledged.size() >= before.size() + 10), WAIT);
    load.runOnContext(v -> stop = true);
    Future.join(loops).await(WAIT_SECONDS, TimeUnit.SECONDS);

    Map<String, String> all = onLoad(load, () -> new LinkedHashMap<>(acknowledged));
    assertThat(onLoad(load, () -> new ArrayList<>(unexpected))).as("answers other than 201 and 503").isEmpty();
    assertThat(all.size()).isGreaterThan(before.size());
    assertAllPresent(engine, all, "after the outage");

    // Routing carries on: a2 takes the longest-waiting contact.
    JsonObject a2 = await(engine.status("a2", A2, "available"));
    assertThat(a2.getJsonArray("offers")).hasSize(1);
    String routed = a2.getJsonArray("offers").getJsonObject(0).getString("contactId");
    all.put(routed, "offered");

    // And nothing acknowledged was kept only in memory.
    await(engine.stop());
    EngineUnderTest again = engines.start(new JsonObject()
        .put("ROUTER_PG_URL", url).put("ROUTER_SNAPSHOT_EVERY", 20));
    assertAllPresent(again, all, "after a restart");
    JsonObject report = await(again.ok(HttpMethod.GET, "/v1/audit/verify", SUPERVISOR, null));
    assertThat(report.getBoolean("intact")).as("%s", report).isTrue();
    await(again.stop());
  }

  /** Creates contacts one after another until told to stop, sorting the answers. */
  private Future<Void> arrivals(EngineUnderTest engine) {
    if (stop) {
      return Future.succeededFuture();
    }
    JsonObject body = new JsonObject().put("channel", "voice").put("queue", "stocks")
        .put("customer", new JsonObject().put("id", "k-" + acknowledged.size()));
    return engine.call(HttpMethod.POST, "/v1/contacts", TELEPHONY, body)
        .compose(r -> {
          if (r.statusCode() == 201) {
            acknowledged.put(r.bodyAsJsonObject().getString("id"), r.bodyAsJsonObject().getString("status"));
            return Future.succeededFuture();
          }
          if (r.statusCode() == 503 && r.getHeader("Retry-After") != null) {
            unavailable++;
            Promise<Void> pause = Promise.promise();
            vertx.setTimer(20, id -> pause.complete());
            return pause.future();
          }
          unexpected.add(r.statusCode() + " " + r.bodyAsString());
          return Future.succeededFuture();
        }, err -> {
          unexpected.add(String.valueOf(err));
          return Future.succeededFuture();
        })
        .compose(v -> arrivals(engine));
  }

  private static void assertAllPresent(EngineUnderTest engine, Map<String, String> expected, String when) {
    for (Map.Entry<String, String> c : expected.entrySet()) {
      JsonObject read = await(engine.ok(HttpMethod.GET, "/v1/contacts/" + c.getKey(), SUPERVISOR, null));
      assertThat(read.getString("status")).as("contact %s %s", c.getKey(), when).isEqualTo(c.getValue());
    }
  }

  private <T> T onLoad(Context load, java.util.function.Supplier<T> read) {
    Promise<T> p = Promise.promise();
    load.runOnContext(v -> p.complete(read.get()));
    return await(p.future());
  }
}

package dev.contactrouter;

import static dev.contactrouter.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.store.TestDatabase;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * kill -9 under load. The packaged engine runs in a child JVM against a PostgreSQL database of
 * this test's own; workers drive contacts and agents through it over HTTP, remembering each
 * contact's last acknowledged state and the request still in flight; the engine is killed with
 * SIGKILL mid-load and started again, twice. Every acknowledged contact must then be exactly in
 * its last acknowledged state (or the state its in-flight request was asking for, which may have
 * been committed without its answer arriving), pending offers must keep their offer and expiry,
 * an offer that expired while the engine was down must go back to the queue, agents' states must
 * be restored, routing must carry on, and the journal's chain must verify.
 *
 * <p>Workload, chosen so every state change of a contact is one a worker asked for: worker i has
 * its own queue and agent (offers never time out, no wrap-up) and takes one contact at a time
 * from creation to completion; another worker creates and abandons contacts in a queue nobody
 * serves; another toggles an agent between available and not ready. Bounded: about 120
 * acknowledgements a round, every wait capped.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class CrashRecoveryIT {
  private static final String ADMIN = "crash-admin-key-01";
  private static final String SUPERVISOR = "crash-supervisor-key-01";
  private static final String TELEPHONY = "crash-telephony-key-01";
  private static final int LANES = 4;
  private static final int ACKS_PER_ROUND = 120;
  private static final long ROUND_MAX_MILLIS = 20_000;
  private static final long WAIT_SECONDS = 60;

  private static Vertx vertx;
  private static TestDatabase database;
  private static RouterProcess engine;
  private static WebClient http;
  private static Context context;
  private static int round;

  /** One contact as the workers know it. */
  private static final class Tracked {
    final String id;
    final String lane;
    String acked;
    String offerId;
    String expiresAt;
    String inFlight;

    Tracked(String id, String lane) {
      this.id = id;
      this.lane = lane;
    }
  }

  private static final Map<String, Tracked> contacts = new LinkedHashMap<>();
  private static String toggleAcked = "available";
  private static String toggleInFlight;
  private static int acks;
  private static boolean stopping;

  @BeforeAll
  static void setUp() {
    assertThat(RouterProcess.JAR).as("the shaded jar (failsafe runs after package)").exists();
    vertx = Vertx.vertx();
    database = TestDatabase.create(vertx, "crash");
    context = vertx.getOrCreateContext();
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (engine != null) {
      engine.close();
    }
    if (database != null) {
      database.close();
    }
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void everyAcknowledgedContactSurvivesKillNineUnderLoad() throws Exception {
    start();
    configure();
    for (round = 1; round <= 2; round++) {
      runLoadThenKill();
      start();
      checkEverythingAcknowledged();
    }
    offerThatExpiredWhileDownGoesBackToTheQueue();
    routingCarriesOn();
    JsonObject report = ok(HttpMethod.GET, "/v1/audit/verify", SUPERVISOR, null);
    assertThat(report.getBoolean("intact")).as("chain after two crashes: %s", report).isTrue();
    engine.terminate();
    assertThat(engine.awaitExit(30_000)).as("stopped by SIGTERM").isNotNull();
    verifyJournalCommand();
  }

  // ------------------------------------------------------------------ the child JVM

  private static void start() throws Exception {
    StringBuilder keys = new StringBuilder(ADMIN + "=admin," + SUPERVISOR + "=supervisor," + TELEPHONY + "=telephony");
    for (String agent : agents()) {
      keys.append(',').append(agentKey(agent)).append("=agent:").append(agent);
    }
    if (engine != null) {
      engine.close();
    }
    engine = RouterProcess.start(vertx, "engine", RouterProcess.freePort(), Map.of(
        "ROUTER_PG_URL", database.url(),
        "ROUTER_API_KEYS", keys.toString(),
        "ROUTER_SNAPSHOT_EVERY", "40"), Path.of("target", "crash-it-engine-" + System.nanoTime() + ".log"));
    http = engine.http();
    engine.awaitHttp("/health", WAIT_SECONDS);
  }

  // ------------------------------------------------------------------ workload

  private static List<String> agents() {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < LANES; i++) {
      out.add("a" + i);
    }
    out.addAll(List.of("toggler", "expiring", "fresh"));
    return out;
  }

  private static String agentKey(String agent) {
    return "crash-agent-" + agent + "-key";
  }

  private static void configure() {
    for (int i = 0; i < LANES; i++) {
      queue("q" + i, "lane" + i, 3600);
      agent("a" + i, "lane" + i);
    }
    queue("nobody", "unstaffed-skill", 3600);
    queue("short", "short-offer", 2);
    agent("toggler", "toggling");
    agent("expiring", "short-offer");
    for (String a : List.of("a0", "a1", "a2", "a3", "toggler")) {
      ok(HttpMethod.PUT, "/v1/agents/" + a + "/status", agentKey(a), new JsonObject().put("status", "available"));
    }
  }

  private static void queue(String id, String skill, int offerTimeoutSeconds) {
    ok(HttpMethod.PUT, "/v1/queues/" + id, ADMIN, new JsonObject().put("name", id).put("channel", "voice")
        .put("skills", new JsonObject().put(skill, 1)).put("offerTimeoutSeconds", offerTimeoutSeconds)
        .put("wrapUpSeconds", 0));
  }

  private static void agent(String id, String skill) {
    ok(HttpMethod.PUT, "/v1/agents/" + id, ADMIN, new JsonObject().put("name", id)
        .put("skills", new JsonObject().put(skill, 3)).put("capacity", new JsonObject().put("voice", 1)));
  }

  private static void runLoadThenKill() throws Exception {
    acks = 0;
    stopping = false;
    List<Future<Void>> workers = new ArrayList<>();
    Promise<Void> started = Promise.promise();
    context.runOnContext(v -> {
      for (int i = 0; i < LANES; i++) {
        workers.add(lane(i));
      }
      workers.add(unstaffed());
      workers.add(toggler());
      started.complete();
    });
    await(started.future());
    long deadline = System.currentTimeMillis() + ROUND_MAX_MILLIS;
    while (acks() < ACKS_PER_ROUND && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    if (round == 2) {
      // An offer that will expire while the engine is down.
      ok(HttpMethod.PUT, "/v1/agents/expiring/status", agentKey("expiring"), new JsonObject().put("status", "available"));
      JsonObject c = ok(HttpMethod.POST, "/v1/contacts", TELEPHONY, new JsonObject().put("channel", "voice").put("queue", "short"));
      assertThat(c.getString("status")).isEqualTo("offered");
      expiringContact = c.getString("id");
    }
    engine.kill();
    context.runOnContext(v -> stopping = true);
    Future.join(workers).await(30, TimeUnit.SECONDS);
    assertThat(acks()).as("acknowledgements in round %d", round).isGreaterThanOrEqualTo(Math.min(ACKS_PER_ROUND, 40));
  }

  private static String expiringContact;

  private static int acks() throws Exception {
    Promise<Integer> n = Promise.promise();
    context.runOnContext(v -> n.complete(acks));
    return n.future().await(10, TimeUnit.SECONDS);
  }

  /** One lane: create a contact, accept its offer, complete it; again, until the engine dies. */
  private static Future<Void> lane(int i) {
    String agent = "a" + i;
    Tracked c = new Tracked(UUID.randomUUID().toString(), "lane" + i);
    c.inFlight = "offered";
    JsonObject body = new JsonObject().put("channel", "voice").put("queue", "q" + i);
    return send(HttpMethod.POST, "/v1/contacts", TELEPHONY, body, c.id)
        .compose(created -> {
          String id = created.getString("id");
          Tracked t = new Tracked(id, c.lane);
          contacts.put(id, t);
          acked(t, created);
          t.inFlight = "assigned";
          return send(HttpMethod.POST, "/v1/offers/" + t.offerId + "/accept", agentKey(agent), null, null)
              .compose(assigned -> {
                acked(t, assigned);
                t.inFlight = "completed";
                return send(HttpMethod.POST, "/v1/contacts/" + id + "/complete", agentKey(agent),
                    new JsonObject().put("disposition", "resolved"), null);
              })
              .map(done -> {
                acked(t, done);
                return null;
              });
        })
        .compose(v -> stopping ? Future.succeededFuture() : lane(i))
        .recover(err -> Future.succeededFuture());
  }

  /** Contacts nobody can serve: created, and every other one abandoned. */
  private static Future<Void> unstaffed() {
    JsonObject body = new JsonObject().put("channel", "voice").put("queue", "nobody");
    return send(HttpMethod.POST, "/v1/contacts", TELEPHONY, body, UUID.randomUUID().toString())
        .compose(created -> {
          Tracked t = new Tracked(created.getString("id"), "unstaffed");
          contacts.put(t.id, t);
          acked(t, created);
          if (contacts.size() % 2 == 0) {
            return Future.succeededFuture();
          }
          t.inFlight = "abandoned";
          return send(HttpMethod.POST, "/v1/contacts/" + t.id + "/abandon", TELEPHONY, null, null)
              .map(done -> {
                acked(t, done);
                return null;
              });
        })
        .compose(v -> stopping ? Future.succeededFuture() : unstaffed())
        .recover(err -> Future.succeededFuture());
  }

  private static Future<Void> toggler() {
    String next = "available".equals(toggleAcked) ? "not_ready" : "available";
    JsonObject body = new JsonObject().put("status", next);
    if (next.equals("not_ready")) {
      body.put("reason", "break");
    }
    toggleInFlight = next;
    return send(HttpMethod.PUT, "/v1/agents/toggler/status", agentKey("toggler"), body, null)
        .compose(agent -> {
          toggleAcked = agent.getString("status");
          toggleInFlight = null;
          acks++;
          return stopping ? Future.succeededFuture() : toggler();
        })
        .recover(err -> Future.succeededFuture());
  }

  private static void acked(Tracked t, JsonObject contact) {
    t.acked = contact.getString("status");
    JsonObject offer = contact.getJsonObject("offer");
    t.offerId = offer == null ? null : offer.getString("offerId");
    t.expiresAt = offer == null ? null : offer.getString("expiresAt");
    t.inFlight = null;
    acks++;
  }

  private static Future<JsonObject> send(HttpMethod method, String path, String key, JsonObject body, String idempotencyKey) {
    if (stopping) {
      return Future.failedFuture("stopping");
    }
    var request = http.request(method, path).putHeader("Authorization", "Bearer " + key).timeout(5_000);
    if (idempotencyKey != null) {
      request.putHeader("Idempotency-Key", idempotencyKey);
    }
    Future<HttpResponse<Buffer>> sent = body == null ? request.send() : request.sendJsonObject(body);
    return sent.compose(r -> r.statusCode() < 300
        ? Future.succeededFuture(r.bodyAsJsonObject())
        : Future.failedFuture(method + " " + path + " -> " + r.statusCode() + " " + r.bodyAsString()));
  }

  // ------------------------------------------------------------------ checks

  private static void checkEverythingAcknowledged() {
    Map<String, Tracked> known = snapshotOfTracking();
    assertThat(known).isNotEmpty();
    for (Tracked t : known.values()) {
      JsonObject now = ok(HttpMethod.GET, "/v1/contacts/" + t.id, SUPERVISOR, null);
      String status = now.getString("status");
      Set<String> allowed = t.inFlight == null ? Set.of(t.acked) : Set.of(t.acked, t.inFlight);
      assertThat(status).as("round %d: contact %s of %s, acknowledged %s, in flight %s", round, t.id, t.lane,
          t.acked, t.inFlight).isIn(allowed);
      if (status.equals(t.acked) && "offered".equals(status)) {
        JsonObject offer = now.getJsonObject("offer");
        assertThat(offer.getString("offerId")).as("same offer").isEqualTo(t.offerId);
        assertThat(offer.getString("expiresAt")).as("same expiry: its remaining time").isEqualTo(t.expiresAt);
      }
    }
    JsonObject toggler = ok(HttpMethod.GET, "/v1/agents/toggler", SUPERVISOR, null);
    Set<String> toggles = toggleInFlight == null ? Set.of(toggleAcked) : Set.of(toggleAcked, toggleInFlight);
    assertThat(toggler.getString("status")).as("toggled agent restored").isIn(toggles);
    for (int i = 0; i < LANES; i++) {
      assertThat(ok(HttpMethod.GET, "/v1/agents/a" + i, SUPERVISOR, null).getString("status")).isEqualTo("available");
    }
    if (toggleInFlight == null) {
      toggleAcked = toggler.getString("status");
    } else {
      toggleAcked = toggler.getString("status");
      toggleInFlight = null;
    }
    // What the in-flight requests asked for is now settled either way: track what is there.
    for (Tracked t : known.values()) {
      JsonObject now = ok(HttpMethod.GET, "/v1/contacts/" + t.id, SUPERVISOR, null);
      if (t.inFlight != null) {
        acked(t, now);
      }
    }
    settleLanes(known);
  }

  /**
   * Brings every contact a lane's agent holds to its end, so the next round starts with free
   * agents: the lane's last tracked contact, and any contact whose creation was committed but whose
   * answer was lost with the engine (its client never learnt its id).
   */
  private static void settleLanes(Map<String, Tracked> known) {
    for (int i = 0; i < LANES; i++) {
      String agent = "a" + i;
      JsonObject state = ok(HttpMethod.GET, "/v1/agents/" + agent, SUPERVISOR, null);
      for (Object o : state.getJsonArray("offers")) {
        String offerId = ((JsonObject) o).getString("offerId");
        track(known, ok(HttpMethod.POST, "/v1/offers/" + offerId + "/accept", agentKey(agent), null));
      }
      state = ok(HttpMethod.GET, "/v1/agents/" + agent, SUPERVISOR, null);
      for (Object id : state.getJsonArray("contacts")) {
        track(known, ok(HttpMethod.POST, "/v1/contacts/" + id + "/complete", agentKey(agent),
            new JsonObject().put("disposition", "resolved")));
      }
      assertThat(ok(HttpMethod.GET, "/v1/queues/q" + i + "/contacts", SUPERVISOR, null, true)).as("q%d", i).isEmpty();
    }
  }

  private static void track(Map<String, Tracked> known, JsonObject contact) {
    Tracked t = known.get(contact.getString("id"));
    if (t != null) {
      acked(t, contact);
    }
  }

  private static Map<String, Tracked> snapshotOfTracking() {
    Promise<Map<String, Tracked>> copy = Promise.promise();
    context.runOnContext(v -> copy.complete(new LinkedHashMap<>(contacts)));
    return await(copy.future());
  }

  private static void offerThatExpiredWhileDownGoesBackToTheQueue() throws Exception {
    assertThat(expiringContact).isNotNull();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    JsonObject c = ok(HttpMethod.GET, "/v1/contacts/" + expiringContact, SUPERVISOR, null);
    while (!"queued".equals(c.getString("status"))) {
      assertThat(System.nanoTime()).as("expired offer returned: %s", c).isLessThan(deadline);
      Thread.sleep(200);
      c = ok(HttpMethod.GET, "/v1/contacts/" + expiringContact, SUPERVISOR, null);
    }
    assertThat(c.getInteger("offerAttempts")).isEqualTo(1);
    JsonObject agent = ok(HttpMethod.GET, "/v1/agents/expiring", SUPERVISOR, null);
    assertThat(agent.getString("status")).isEqualTo("not_ready");
    assertThat(agent.getString("reason")).isEqualTo("missed-offer");
  }

  private static void routingCarriesOn() {
    JsonObject c = ok(HttpMethod.POST, "/v1/contacts", TELEPHONY, new JsonObject().put("channel", "voice").put("queue", "q0"));
    assertThat(c.getString("status")).as("a0 is free again and takes new work").isEqualTo("offered");
    assertThat(c.getJsonObject("offer").getString("agentId")).isEqualTo("a0");
    ok(HttpMethod.PUT, "/v1/agents/fresh", ADMIN, new JsonObject().put("name", "fresh")
        .put("skills", new JsonObject().put("unstaffed-skill", 2)));
    ok(HttpMethod.PUT, "/v1/agents/fresh/status", agentKey("fresh"), new JsonObject().put("status", "available"));
    JsonObject fresh = ok(HttpMethod.GET, "/v1/agents/fresh", SUPERVISOR, null);
    assertThat(fresh.getJsonArray("offers", new JsonArray())).as("the longest-waiting unstaffed contact").hasSize(1);
  }

  private static void verifyJournalCommand() throws Exception {
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-jar", RouterProcess.JAR.toString(), "verify-journal");
    pb.environment().keySet().removeIf(k -> k.startsWith("ROUTER_"));
    pb.environment().put("ROUTER_PG_URL", database.url());
    pb.redirectErrorStream(true);
    Process verify = pb.start();
    assertThat(verify.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(verify.exitValue()).as(out).isZero();
    assertThat(out).contains("domain default: intact");
  }

  // ------------------------------------------------------------------ HTTP from the test thread

  private static JsonArray ok(HttpMethod method, String path, String key, JsonObject body, boolean array) {
    return engine.okArray(method, path, key, body);
  }

  private static JsonObject ok(HttpMethod method, String path, String key, JsonObject body) {
    return engine.ok(method, path, key, body);
  }
}

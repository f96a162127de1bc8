package dev.contactrouter.store;

import static dev.contactrouter.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contactrouter.RouterApp;
import dev.contactrouter.codec.EventJson;
import dev.contactrouter.config.ConfigException;
import dev.contactrouter.config.RouterConfig;
import dev.contactrouter.core.Channel;
import dev.contactrouter.core.Command;
import dev.contactrouter.core.ContactSpec;
import dev.contactrouter.core.QueueSpec;
import dev.contactrouter.core.SlaPolicy;
import dev.contactrouter.engine.DomainClient;
import dev.contactrouter.engine.DomainQuery;
import dev.contactrouter.engine.DomainVerticle;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A domain writer with Redis timers through the outages the issue names: the engine stops and
 * starts again, Redis shuts down without saving and starts again empty, Redis is flushed. Each
 * time every SLA point of every contact fires, once, in order, no earlier than due (late only by
 * the outage). Uses a redis-server of its own: nothing here touches the shared one.
 *
 * <p>Orchestrated from the JUnit thread (blocking waits are fine there, never on an event loop);
 * the journal is an in-memory one kept across the restart, standing in for PostgreSQL.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TimerOutageIT {
  private static final String DOMAIN = "outage";
  private static final int CONTACTS = 3;
  /** Per contact: raise at 50%, relax at 75%, the breach at 100%, an alert at 100%. */
  private static final int POINTS = 4;
  private static final SlaPolicy POLICY = new SlaPolicy(2, 80, SlaPolicy.TimeBasis.ELAPSED, null, 80, List.of(
      new SlaPolicy.Threshold(50, SlaPolicy.Action.RAISE_PRIORITY, 10, null),
      new SlaPolicy.Threshold(75, SlaPolicy.Action.RELAX_SKILLS, 1, null),
      new SlaPolicy.Threshold(100, SlaPolicy.Action.ALERT, 0, null)));

  private Vertx vertx;
  private RedisServer redis;
  private final MemoryJournal journal = new MemoryJournal();
  private RedisTimerStore store;
  private String deployment;

  @BeforeEach
  void setUp() throws Exception {
    RedisServer.requireInstalled();
    vertx = Vertx.vertx();
    redis = RedisServer.start();
  }

  @AfterEach
  void tearDown() throws Exception {
    if (vertx != null) {
      await(vertx.close());
    }
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  void anEngineRestartLosesNoDeadlineAndDuplicatesNoEscalation() throws Exception {
    startEngine();
    long created = createWaitingContacts();
    stopEngine(); // down before the first threshold, up again after the last deadline
    Thread.sleep(Math.max(0, created + 2_600 - System.currentTimeMillis()));
    startEngine();
    assertEachPointFiredOnceInOrder(awaitSlaEvents());
  }

  @Test
  void aRedisRestartWithoutPersistenceLosesNoDeadline() throws Exception {
    startEngine();
    long created = createWaitingContacts();
    redis.shutdownNoSave();
    Thread.sleep(Math.max(0, created + 1_300 - System.currentTimeMillis())); // the 50% point passes meanwhile
    redis.launch(); // empty: the store finds its marker gone and the domain re-arms
    List<JsonObject> events = awaitSlaEvents();
    assertEachPointFiredOnceInOrder(events);
    assertThat(store.stats().lostDetected()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void aFlushLosesNoDeadline() throws Exception {
    startEngine();
    createWaitingContacts();
    redis.flushAll();
    assertEachPointFiredOnceInOrder(awaitSlaEvents());
    assertThat(store.stats().lostDetected()).isEqualTo(1);
  }

  @Test
  void theEngineRunsItsTimersInRedisWhenConfiguredAndRefusesAnUnreachableOne() throws Exception {
    JsonObject config = new JsonObject()
        .put("ROUTER_HTTP_PORT", 0).put("ROUTER_HTTP_HOST", "127.0.0.1").put("ROUTER_DOMAIN", DOMAIN)
        .put("ROUTER_API_KEYS", "admin-key-00000001=admin").put("ROUTER_TIMER_POLL_MS", 20);
    RouterApp app = await(RouterApp.start(vertx, RouterConfig.from(config.copy().put("ROUTER_REDIS_URL", redis.url()))));
    try {
      createWaitingContacts();
      assertEachPointFiredOnceInOrder(awaitSlaEvents());
      assertThat(redis.cli("EXISTS", "router:timers:{" + DOMAIN + "}:alive")).isEqualTo("1");
    } finally {
      await(app.stop());
    }
    int closedPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    assertThatThrownBy(() -> await(RouterApp.start(vertx,
            RouterConfig.from(config.copy().put("ROUTER_REDIS_URL", "redis://127.0.0.1:" + closedPort + "/0")))))
        .hasRootCauseInstanceOf(ConfigException.class)
        .rootCause().hasMessageStartingWith("cannot reach Redis at ROUTER_REDIS_URL");
  }

  // ------------------------------------------------------------------ steps

  private void startEngine() throws Exception {
    store = new RedisTimerStore(vertx, RedisTimerStore.client(vertx, redis.url()), System::currentTimeMillis,
        new RedisTimerStore.Options("it", 20, 1000, 30_000));
    deployment = await(vertx.deployVerticle(new DomainVerticle(DOMAIN, journal, store, System::currentTimeMillis)));
  }

  private void stopEngine() throws Exception {
    await(vertx.undeploy(deployment));
    await(store.close());
  }

  /** A queue nobody can serve, with the policy, and contacts that wait in it. Returns when they were created. */
  private long createWaitingContacts() throws Exception {
    DomainClient client = new DomainClient(vertx, 5_000);
    QueueSpec queue = new QueueSpec("desk", null, Channel.VOICE, Map.of("rare", 5), null, null, 0, 0, 15, 0, 60,
        POLICY, null, null);
    await(client.command(DOMAIN, new Command.ConfigureQueue("admin", queue)));
    long created = System.currentTimeMillis();
    for (int i = 0; i < CONTACTS; i++) {
      await(client.command(DOMAIN, new Command.CreateContact("telephony",
          ContactSpec.of("c" + i, Channel.VOICE, "desk"))));
    }
    return created;
  }

  /** Waits (bounded) until every point has fired, then a while longer so a duplicate would show. */
  private List<JsonObject> awaitSlaEvents() throws Exception {
    DomainClient client = new DomainClient(vertx, 5_000);
    long until = System.currentTimeMillis() + 20_000;
    List<JsonObject> sla = new ArrayList<>();
    while (System.currentTimeMillis() < until) {
      sla = slaEvents(journal(client));
      if (sla.size() >= CONTACTS * POINTS) {
        break;
      }
      Thread.sleep(100);
    }
    Thread.sleep(1_000);
    return slaEvents(journal(client));
  }

  /** The domain's committed events, each as on its event stream. */
  private static JsonArray journal(DomainClient client) throws Exception {
    JsonArray out = new JsonArray();
    for (JournalEntry e : await(client.ask(DOMAIN, new DomainQuery.JournalPageQuery(0, 10_000)))) {
      out.add(EventJson.encode(e.recorded()).put("domain", DOMAIN).put("seq", e.seq()));
    }
    return out;
  }

  private static List<JsonObject> slaEvents(JsonArray events) {
    List<JsonObject> out = new ArrayList<>();
    for (Object o : events) {
      JsonObject e = (JsonObject) o;
      String type = e.getString("type");
      if (type.equals("sla_threshold_reached") || type.equals("sla_breached")) {
        out.add(e);
      }
    }
    return out;
  }

  private void assertEachPointFiredOnceInOrder(List<JsonObject> events) throws Exception {
    Map<String, List<Integer>> points = new TreeMap<>();
    for (JsonObject e : events) {
      points.computeIfAbsent(e.getString("contactId"), k -> new ArrayList<>()).add(e.getInteger("point"));
    }
    assertThat(points).hasSize(CONTACTS);
    points.forEach((contact, reached) ->
        assertThat(reached).as("points reached by %s, each once, in order", contact).containsExactly(0, 1, 2, 3));
    JsonArray all = journal(new DomainClient(vertx, 5_000));
    Map<String, List<Long>> dueAt = new TreeMap<>();
    for (Object o : all) {
      JsonObject e = (JsonObject) o;
      if (e.getString("type").equals("sla_started")) {
        List<Long> due = new ArrayList<>();
        e.getJsonArray("dueAt").forEach(d -> due.add(Instant.parse((String) d).toEpochMilli()));
        dueAt.put(e.getString("contactId"), due);
      }
    }
    for (JsonObject e : events) {
      long at = Instant.parse(e.getString("at")).toEpochMilli();
      assertThat(at).as("%s point %d not early", e.getString("contactId"), e.getInteger("point"))
          .isGreaterThanOrEqualTo(dueAt.get(e.getString("contactId")).get(e.getInteger("point")));
    }
  }
}

package dev.contactrouter.testing;

import static dev.contactrouter.testing.Await.await;

import dev.contactrouter.store.RedisServer;
import dev.contactrouter.store.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts an {@link EngineUnderTest} for each test and stops it afterwards; register it on a static
 * field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final EngineExtension engines = EngineExtension.embedded().with("ROUTER_BODY_LIMIT_BYTES", 4096);
 *
 * @Test
 * void something(EngineUnderTest engine) { ... }
 * }</pre>
 *
 * <p>Each test gets a Vert.x of its own from {@link TestVertx} (guarded against blocked event
 * loops), closed after it, so engines of different tests never share an event bus. The engine is
 * embedded (in-memory journal and timers) unless the class asks for {@link #onPostgres()} (a fresh
 * database for the class, dropped after it; the class's tests share it) and {@link #withRedis()}
 * (a redis-server of the class's own). Tests that configure the engine themselves use
 * {@link #startedByTest()} and {@link #start(JsonObject)}; every engine started that way is
 * stopped after the test too.
 */
public final class EngineExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
    AfterEachCallback, ParameterResolver {
  private final JsonObject settings = new JsonObject();
  private boolean postgres;
  private boolean redis;
  private boolean startEach = true;
  private VertxOptions vertxOptions = new VertxOptions();

  private Vertx classVertx;
  private TestDatabase database;
  private RedisServer redisServer;
  private Vertx vertx;
  private EngineUnderTest engine;
  private final List<EngineUnderTest> started = new ArrayList<>();

  private EngineExtension() {
  }

  /** An engine with the in-memory journal and timers. */
  public static EngineExtension embedded() {
    return new EngineExtension();
  }

  /** An engine journaling to PostgreSQL, in a database of the test class's own. */
  public static EngineExtension onPostgres() {
    EngineExtension e = new EngineExtension();
    e.postgres = true;
    return e;
  }

  /** Timers in a redis-server of the class's own (started before the class, stopped after it). */
  public EngineExtension withRedis() {
    redis = true;
    return this;
  }

  /** A setting (as the environment would give it) over {@link EngineUnderTest#defaults()}. */
  public EngineExtension with(String setting, Object value) {
    settings.put(setting, value);
    return this;
  }

  /** Options for the tests' Vert.x (metrics, say); the blocking limits are the harness's. */
  public EngineExtension vertxOptions(VertxOptions options) {
    vertxOptions = options;
    return this;
  }

  /** No engine before each test: the test starts what it needs with {@link #start(JsonObject)}. */
  public EngineExtension startedByTest() {
    startEach = false;
    return this;
  }

  // ------------------------------------------------------------------ for tests

  /** This test's engine (started before it). */
  public EngineUnderTest engine() {
    return present(engine, startEach ? "no test is running" : "this class starts its engines itself");
  }

  /** Starts another engine on this test's Vert.x with the class's settings and {@code overrides}. */
  public EngineUnderTest start(JsonObject overrides) {
    EngineUnderTest e = EngineUnderTest.start(vertx(), settings().mergeIn(overrides));
    started.add(e);
    return e;
  }

  /** This test's Vert.x. */
  public Vertx vertx() {
    return present(vertx, "no test is running");
  }

  /** The class's settings: what was given with {@link #with}, and the database's and Redis's URLs. */
  public JsonObject settings() {
    JsonObject out = settings.copy();
    if (database != null) {
      out.put("ROUTER_PG_URL", database.url());
    }
    if (redisServer != null) {
      out.put("ROUTER_REDIS_URL", redisServer.url());
    }
    return out;
  }

  public TestDatabase database() {
    return present(database, "this class's engines do not use PostgreSQL (EngineExtension.onPostgres())");
  }

  public RedisServer redis() {
    return present(redisServer, "this class's engines do not use Redis (withRedis())");
  }

  /** {@code value}, or an {@link IllegalStateException} saying why there is none. */
  private static <T> T present(T value, String whyNone) {
    if (value == null) {
      throw new IllegalStateException(whyNone);
    }
    return value;
  }

  // ------------------------------------------------------------------ JUnit

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    if (postgres) {
      classVertx = TestVertx.create();
      database = TestDatabase.create(classVertx, context.getRequiredTestClass().getSimpleName().toLowerCase(Locale.ROOT));
    }
    if (redis) {
      redisServer = RedisServer.start();
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    vertx = TestVertx.create(vertxOptions);
    if (startEach) {
      engine = start(new JsonObject());
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    try {
      for (int i = started.size() - 1; i >= 0; i--) {
        await("stopping an engine after the test", started.get(i).stop(), Duration.ofSeconds(30));
      }
    } finally {
      started.clear();
      engine = null;
      Vertx closing = vertx;
      vertx = null;
      if (closing != null) {
        await("closing the test's Vert.x", closing.close(), Duration.ofSeconds(30));
      }
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    try {
      if (database != null) {
        database.close();
      }
      if (redisServer != null) {
        redisServer.close();
      }
    } finally {
      database = null;
      redisServer = null;
      if (classVertx != null) {
        await("closing the class's Vert.x", classVertx.close(), Duration.ofSeconds(30));
        classVertx = null;
      }
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == EngineUnderTest.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return engine();
  }
}

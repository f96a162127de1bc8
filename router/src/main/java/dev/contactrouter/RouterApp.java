package dev.contactrouter;

import dev.contactrouter.api.ApiVerticle;
import dev.contactrouter.config.ApiKey;
import dev.contactrouter.config.ConfigException;
import dev.contactrouter.config.RouterConfig;
import dev.contactrouter.config.User;
import dev.contactrouter.demo.DemoVerticle;
import dev.contactrouter.engine.DomainVerticle;
import dev.contactrouter.store.Journal;
import dev.contactrouter.store.MemoryJournal;
import dev.contactrouter.store.MemoryTimerStore;
import dev.contactrouter.store.PgJournal;
import dev.contactrouter.store.TimerStore;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts one engine node together: the domain's writer with its journal and timer store, the HTTP
 * front, and (with {@code --demo}) the simulated contact centre. Tests start it in-process.
 */
public final class RouterApp {
  private static final Logger LOG = LoggerFactory.getLogger(RouterApp.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Vertx vertx;
  private final RouterConfig config;
  private final List<String> deployments = new ArrayList<>();
  private Journal journal;
  private int httpPort = -1;

  private RouterApp(Vertx vertx, RouterConfig config) {
    this.vertx = vertx;
    this.config = config;
  }

  /** Starts a node; the config's API keys must already be final (see {@link #withGeneratedKeys}). */
  public static Future<RouterApp> start(Vertx vertx, RouterConfig config) {
    return start(vertx, config, System::currentTimeMillis);
  }

  public static Future<RouterApp> start(Vertx vertx, RouterConfig config, LongSupplier clock) {
    if (config.apiKeys().isEmpty()) {
      return Future.failedFuture(new ConfigException("no API keys: set ROUTER_API_KEYS"));
    }
    RouterApp app;
    try {
      app = new RouterApp(vertx, withSigningSecret(config));
    } catch (ConfigException e) {
      return Future.failedFuture(e);
    }
    // A start that fails half-way undoes what it did (deployed verticles, the journal's connections).
    return app.deploy(clock).map(v -> app).recover(err -> app.stop().transform(v -> Future.failedFuture(err)));
  }

  /**
   * The embedded default's keys: one per role when none are configured (refused for a durable
   * deployment), plus the demo's own keys when the demo runs.
   */
  public static RouterConfig withGeneratedKeys(RouterConfig config, List<ApiKey> printed) {
    List<ApiKey> keys = new ArrayList<>(config.apiKeys());
    if (keys.isEmpty()) {
      if (config.durable()) {
        throw new ConfigException("a durable deployment (ROUTER_PG_URL set) needs ROUTER_API_KEYS");
      }
      for (String role : List.of("telephony", "supervisor", "admin", "agent:a1")) {
        ApiKey key = ApiKey.parse(newKey() + "=" + role);
        keys.add(key);
        printed.add(key);
      }
    }
    if (config.demo()) {
      keys.addAll(DemoVerticle.keys(RouterApp::newKey));
    }
    return config.withApiKeys(keys);
  }

  /** A generated console user and its password, to be printed once at start (never logged). */
  public record GeneratedUser(String username, String password, String roleSpec) {
    @Override
    public String toString() {
      return "GeneratedUser[" + username + ", " + roleSpec + "]";
    }
  }

  /** Cost for generated passwords: they are random (96 bits), so stretching them buys nothing. */
  private static final int GENERATED_PASSWORD_ITERATIONS = 10_000;

  /**
   * The embedded default's console users and token secret: with the demo, a user per simulated
   * agent (named as the agent) and a {@code supervisor}, unless those names are configured; when
   * no secret is configured, a random one for this run (refused for a durable deployment, whose
   * nodes must share theirs).
   */
  public static RouterConfig withGeneratedUsers(RouterConfig config, List<GeneratedUser> printed) {
    List<User> users = new ArrayList<>(config.users());
    if (config.demo()) {
      java.util.Set<String> taken = new java.util.HashSet<>();
      users.forEach(u -> taken.add(u.username()));
      List<String> roles = new ArrayList<>();
      DemoVerticle.agentIds().forEach(id -> roles.add(id + ":agent:" + id));
      roles.add("supervisor:supervisor");
      for (String spec : roles) {
        String username = spec.substring(0, spec.indexOf(':'));
        if (taken.contains(username)) {
          continue;
        }
        String password = newPassword();
        String roleSpec = spec.substring(spec.indexOf(':') + 1);
        users.add(User.parse(username + ":" + password + ":" + roleSpec, GENERATED_PASSWORD_ITERATIONS));
        printed.add(new GeneratedUser(username, password, roleSpec));
      }
    }
    return withSigningSecret(config.withUsers(users));
  }

  /**
   * A secret for console sign-in tokens: the configured one, else (embedded) a random one for
   * this run. A durable deployment with console users must configure it, the same on every node.
   */
  static RouterConfig withSigningSecret(RouterConfig config) {
    if (!config.jwtSecret().isEmpty()) {
      return config;
    }
    if (config.durable() && !config.users().isEmpty()) {
      throw new ConfigException("a durable deployment with console users needs ROUTER_JWT_SECRET, the same on every node");
    }
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    return config.withJwtSecret(Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
  }

  public int httpPort() {
    return httpPort;
  }

  public RouterConfig config() {
    return config;
  }

  /** Undeploys everything this node started, newest first. */
  public Future<Void> stop() {
    Future<Void> chain = Future.succeededFuture();
    for (int i = deployments.size() - 1; i >= 0; i--) {
      String id = deployments.get(i);
      chain = chain.compose(v -> vertx.undeploy(id).recover(err -> Future.succeededFuture()));
    }
    return chain.compose(v -> journal == null ? Future.<Void>succeededFuture() : journal.close())
        .recover(err -> Future.succeededFuture());
  }

  private Future<Void> deploy(LongSupplier clock) {
    if (!config.redisUrl().isBlank()) {
      return Future.failedFuture(new ConfigException(
          "ROUTER_REDIS_URL is set, but this build has no Redis timer store yet; unset it to run embedded"));
    }
    TimerStore timers = new MemoryTimerStore(vertx, clock);
    return openJournal()
        .compose(opened -> {
          journal = opened;
          DomainVerticle.Options options = new DomainVerticle.Options(
              config.journalBatchMax(), config.journalTimeoutMs(), config.snapshotEvery());
          return vertx.deployVerticle(new DomainVerticle(config.domain(), journal, timers, clock, options));
        })
        .compose(id -> {
          deployments.add(id);
          return deployHttp();
        })
        .compose(v -> {
          if (!config.demo()) {
            return Future.succeededFuture();
          }
          return vertx.deployVerticle(new DemoVerticle(httpPort, config.apiKeys(), config.demoRate()))
              .map(id -> {
                deployments.add(id);
                return null;
              });
        });
  }

  /**
   * One HTTP verticle per core, deployed together so they share one listening socket. With port
   * 0 every instance asks for the same shared free port (see ApiVerticle); instances deployed
   * later on the port the first had picked would try to bind it anew and fail.
   */
  /** The in-memory journal, or PostgreSQL (connected and migrated) when ROUTER_PG_URL is set. */
  private Future<Journal> openJournal() {
    if (!config.durable()) {
      LOG.warn("running EMBEDDED: journal and timers are in memory, NOT durable; everything is lost when the process stops");
      return Future.succeededFuture(new MemoryJournal());
    }
    LOG.info("journal: PostgreSQL {} (durable); timers in memory, re-armed from the journal's state at start",
        PgJournal.describe(config.pgUrl()));
    return PgJournal.connect(vertx, config.pgUrl(), config.pgPoolSize(), config.journalTimeoutMs())
        .map(Journal.class::cast);
  }

  private Future<Void> deployHttp() {
    int instances = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 8));
    List<ApiVerticle> created = new ArrayList<>();
    return vertx.deployVerticle(() -> {
          ApiVerticle v = new ApiVerticle();
          created.add(v);
          return v;
        }, new DeploymentOptions().setInstances(instances).setConfig(config.toJson()))
        .map(id -> {
          deployments.add(id);
          httpPort = created.get(0).port();
          LOG.info("HTTP and WebSocket API listening on {}:{} ({} instance(s))", config.httpHost(), httpPort, instances);
          return null;
        });
  }

  private static String newPassword() {
    byte[] bytes = new byte[12];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String newKey() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}

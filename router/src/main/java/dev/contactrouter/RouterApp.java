package dev.contactrouter;

import dev.contactrouter.api.ApiVerticle;
import dev.contactrouter.config.ApiKey;
import dev.contactrouter.config.ConfigException;
import dev.contactrouter.config.RouterConfig;
import dev.contactrouter.demo.DemoVerticle;
import dev.contactrouter.engine.DomainVerticle;
import dev.contactrouter.store.Journal;
import dev.contactrouter.store.MemoryJournal;
import dev.contactrouter.store.MemoryTimerStore;
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
    RouterApp app = new RouterApp(vertx, config);
    return app.deploy(clock).map(v -> app);
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
    return chain;
  }

  private Future<Void> deploy(LongSupplier clock) {
    Journal journal;
    TimerStore timers;
    if (config.durable()) {
      return Future.failedFuture(new ConfigException(
          "ROUTER_PG_URL is set, but this build has no PostgreSQL journal yet; unset it to run embedded"));
    }
    if (!config.redisUrl().isBlank()) {
      return Future.failedFuture(new ConfigException(
          "ROUTER_REDIS_URL is set, but this build has no Redis timer store yet; unset it to run embedded"));
    }
    journal = new MemoryJournal();
    timers = new MemoryTimerStore(vertx, clock);
    LOG.warn("running EMBEDDED: journal and timers are in memory, NOT durable; everything is lost when the process stops");
    return vertx.deployVerticle(new DomainVerticle(config.domain(), journal, timers, clock))
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

  /** One HTTP verticle per core; the first binds (perhaps a free port), the rest share it. */
  private Future<Void> deployHttp() {
    int instances = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 8));
    ApiVerticle first = new ApiVerticle();
    return vertx.deployVerticle(first, new DeploymentOptions().setConfig(config.toJson()))
        .compose(id -> {
          deployments.add(id);
          httpPort = first.port();
          LOG.info("HTTP and WebSocket API listening on {}:{} ({} instance(s))", config.httpHost(), httpPort, instances);
          if (instances == 1) {
            return Future.succeededFuture();
          }
          // The same configuration, port 0 included: the instances share the first one's server.
          return vertx.deployVerticle(ApiVerticle::new,
                  new DeploymentOptions().setInstances(instances - 1).setConfig(config.toJson()))
              .map(id2 -> {
                deployments.add(id2);
                return null;
              });
        });
  }

  static String newKey() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}

package dev.contactrouter;

import dev.contactrouter.api.ApiVerticle;
import dev.contactrouter.audit.SigningKey;
import dev.contactrouter.cluster.Member;
import dev.contactrouter.cluster.Membership;
import dev.contactrouter.cluster.OwnershipVerticle;
import dev.contactrouter.config.ApiKey;
import dev.contactrouter.config.ConfigException;
import dev.contactrouter.config.RouterConfig;
import dev.contactrouter.config.Setting;
import dev.contactrouter.config.User;
import dev.contactrouter.core.Retention;
import dev.contactrouter.demo.DemoVerticle;
import dev.contactrouter.engine.DomainClient;
import dev.contactrouter.engine.DomainVerticle;
import dev.contactrouter.engine.WriterOptions;
import dev.contactrouter.store.Journal;
import dev.contactrouter.store.MemoryJournal;
import dev.contactrouter.store.MemoryWebhookPositions;
import dev.contactrouter.store.WebhookPositions;
import dev.contactrouter.webhook.WebhookOptions;
import dev.contactrouter.webhook.WebhookVerticle;
import dev.contactrouter.store.MemoryTimerStore;
import dev.contactrouter.store.RedisTimerStore;
import dev.contactrouter.store.PgJournal;
import dev.contactrouter.store.PgSigningKeys;
import dev.contactrouter.engine.JournalMaintenanceVerticle;
import dev.contactrouter.report.ReportAggregatesVerticle;
import dev.contactrouter.store.TimerStore;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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
  /** Each running writer's own timer store, by deployment. */
  private final java.util.Map<String, TimerStore> writerStores = new java.util.concurrent.ConcurrentHashMap<>();
  /** The webhook deliverer deployed beside each writer, by the writer's deployment id. */
  private final java.util.Map<String, String> deliverers = new java.util.concurrent.ConcurrentHashMap<>();
  private WebhookPositions webhookPositions;
  private Journal journal;
  private SigningKey auditKey;
  private OwnershipVerticle ownership;
  private int httpPort = -1;

  private RouterApp(Vertx vertx, RouterConfig config) {
    this.vertx = vertx;
    this.config = config;
  }

  /**
   * The Vert.x options a node runs with: Micrometer metrics with a Prometheus registry (HTTP, JVM
   * and the engine's own), scraped at {@code GET /metrics}. Not Vert.x's event-bus metrics: they
   * look their meters up in the registry for every message, which cost 5% of a domain writer's
   * time at intake (every command, reply and notice is a message), and the engine's own metrics
   * say what those messages are for (commands pending and shed, decisions, journal commits).
   */
  public static VertxOptions vertxOptions() {
    return new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions()
        .setEnabled(true)
        .setJvmMetricsEnabled(true)
        .addDisabledMetricsCategory(MetricsDomain.EVENT_BUS)
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true)));
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
      app = new RouterApp(vertx, withConcretePort(withSigningSecret(config)));
    } catch (ConfigException | IOException e) {
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

  /** Undeploys everything this node started, newest first, then closes the writers' timer stores and the journal. */
  public Future<Void> stop() {
    Future<Void> chain = Future.succeededFuture();
    for (int i = deployments.size() - 1; i >= 0; i--) {
      String id = deployments.get(i);
      chain = chain.compose(v -> vertx.undeploy(id).recover(err -> Future.succeededFuture()));
    }
    return chain
        .compose(v -> Future.join(writerStores.values().stream().map(TimerStore::close).toList()).<Void>mapEmpty())
        .recover(err -> Future.succeededFuture())
        .compose(v -> journal == null ? Future.<Void>succeededFuture() : journal.close())
        .recover(err -> Future.succeededFuture());
  }

  private Future<Void> deploy(LongSupplier clock) {
    return openJournal()
        .compose(opened -> {
          journal = opened;
          return checkTimerStore(clock);
        })
        .compose(v -> deployJournalMaintenance(clock))
        .compose(v -> deployOwnership(clock))
        .compose(v -> loadAuditKey())
        .compose(v -> deployReportFollower())
        .compose(v -> deployHttp())
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
   * The verticle that takes leases on this node's share of the domains and runs their writers. On
   * its own a node takes every domain; in a cluster (a clustered Vert.x) Hazelcast says who is
   * alive and rendezvous hashing spreads the domains.
   */
  private Future<Void> deployOwnership(LongSupplier clock) {
    RouterConfig.Reconcile r = config.reconcile();
    WriterOptions options = new WriterOptions(
        config.journalBatchMax(), config.journalTimeoutMs(), config.snapshotEvery(),
        r.periodSeconds() * 1000L, r.graceSeconds() * 1000L, r.staleAssignmentHours() * 3_600_000L,
        config.journal().maxPending(), config.journal().maxDelayMillis())
        .withMemory(new Retention(config.memory().endedContacts(), config.memory().closedCases()),
            config.memory().idempotencyKeys(), config.memory().idempotencyTtlSeconds() * 1000L);
    RouterConfig.Cluster c = config.cluster();
    ClusterManager manager = ((VertxInternal) vertx).clusterManager();
    // A clustered node has published itself, with this start's instance, as its node metadata.
    JsonObject published = manager == null || manager.getNodeInfo() == null ? null : manager.getNodeInfo().metadata();
    Member self = published != null && published.getString("instance") != null ? Member.fromJson(published)
        : new Member(c.nodeId(), Member.newInstance(), c.clustered() ? c.host() : config.httpHost(), config.httpPort());
    Membership membership = manager == null ? Membership.single(self) : Membership.of(manager, self);
    OwnershipVerticle.Writers writers = new OwnershipVerticle.Writers() {
      @Override
      public Future<String> start(String domain, long epoch, Runnable onFenced) {
        // Each writer runs on a thread of its own, and gets a timer store of its own: a store serves one writer
        // (the domain's timers live in Redis, or are re-armed from state when in memory).
        TimerStore store = newTimerStore(clock);
        return vertx.deployVerticle(new DomainVerticle(domain, journal, store, clock, options, epoch, onFenced),
                DomainVerticle.deployment(domain, manager != null))
            .onSuccess(id -> writerStores.put(id, store))
            .onFailure(err -> store.close())
            .compose(id -> deployDeliverer(domain, id, clock));
      }

      @Override
      public Future<Void> stop(String deploymentId) {
        TimerStore store = writerStores.remove(deploymentId);
        String deliverer = deliverers.remove(deploymentId);
        Future<Void> delivererStopped = deliverer != null && vertx.deploymentIDs().contains(deliverer)
            ? vertx.undeploy(deliverer).recover(err -> Future.succeededFuture()) : Future.succeededFuture();
        // Writers are the ownership verticle's children: when it is undeployed, Vert.x stops them first.
        Future<Void> stopped = delivererStopped.compose(v -> vertx.deploymentIDs().contains(deploymentId)
            ? vertx.undeploy(deploymentId).recover(err -> Future.succeededFuture()) : Future.succeededFuture());
        return store == null ? stopped : stopped.eventually(store::close);
      }
    };
    ownership = new OwnershipVerticle(journal, membership, c.domains(), c.leaseMillis(), manager != null, writers);
    return vertx.deployVerticle(ownership).map(id -> {
      deployments.add(id);
      return null;
    });
  }

  /**
   * With PostgreSQL, the follower that keeps the reports' aggregates up with every domain's journal
   * (on every node; they take turns per domain under a row lock).
   */
  private Future<Void> deployReportFollower() {
    if (!(journal instanceof PgJournal pg)) {
      return Future.succeededFuture();
    }
    return vertx.deployVerticle(new ReportAggregatesVerticle(pg.reportAggregates(), config.cluster().domains()))
        .map(id -> {
          deployments.add(id);
          return null;
        });
  }

  /**
   * The domain's webhook deliverer, beside its writer (so on the node that owns the domain, and
   * only there), stopped before it; answers with the writer's deployment id.
   */
  private Future<String> deployDeliverer(String domain, String writerId, LongSupplier clock) {
    if (webhookPositions == null) {
      webhookPositions = journal instanceof PgJournal pg ? pg.webhookPositions() : new MemoryWebhookPositions();
    }
    RouterConfig.Webhooks w = config.webhooks();
    WebhookOptions options = new WebhookOptions(w.timeoutMs(), w.retryFirstMs(), w.retryMaxMs(), w.maxAttempts(),
        w.maxAgeSeconds() * 1000L, w.pendingMax());
    DomainClient client = new DomainClient(vertx, config.requestTimeoutMs());
    return vertx.deployVerticle(new WebhookVerticle(domain, client, webhookPositions, options, clock))
        .map(id -> {
          deliverers.put(writerId, id);
          return writerId;
        })
        .recover(err -> {
          TimerStore store = writerStores.remove(writerId);
          return vertx.undeploy(writerId).eventually(() -> store == null ? Future.succeededFuture() : store.close())
              .transform(v -> Future.failedFuture(err));
        });
  }

  private TimerStore newTimerStore(LongSupplier clock) {
    if (config.redisUrl().isBlank()) {
      return new MemoryTimerStore(vertx, clock);
    }
    RouterConfig.TimerOptions t = config.timers();
    return new RedisTimerStore(vertx, RedisTimerStore.client(vertx, config.redisUrl()), clock,
        new RedisTimerStore.Options(t.keyPrefix(), t.pollMillis(), t.batchSize(), t.leaseMillis()));
  }

  /**
   * With {@code ROUTER_REDIS_URL} set, checks Redis answers a PING, so a wrong URL stops the start
   * (each writer then opens a timer store of its own, see {@link #newTimerStore}).
   */
  private Future<Void> checkTimerStore(LongSupplier clock) {
    if (config.redisUrl().isBlank()) {
      LOG.info("timers in memory, re-armed from the domain's state at every start");
      return Future.succeededFuture();
    }
    RedisTimerStore probe = (RedisTimerStore) newTimerStore(clock);
    return probe.ping()
        .transform(ar -> probe.close().transform(closed -> {
          if (ar.failed()) {
            return Future.<Void>failedFuture(
                new ConfigException("cannot reach Redis at ROUTER_REDIS_URL: " + ar.cause().getMessage()));
          }
          LOG.info("timers in Redis under '{}'", config.timers().keyPrefix());
          return Future.<Void>succeededFuture();
        }));
  }


  /** The HTTP verticles (one per core unless configured), deployed together on one port. */

  /**
   * Partition upkeep and archiving of the PostgreSQL journal ({@link JournalMaintenanceVerticle}):
   * its first round creates the coming months' partitions before this node takes any domain.
   */
  private Future<Void> deployJournalMaintenance(LongSupplier clock) {
    if (!(journal instanceof PgJournal pg)) {
      return Future.succeededFuture();
    }
    RouterConfig.Archiving a = config.archiving();
    JournalMaintenanceVerticle.Options options = new JournalMaintenanceVerticle.Options(a.policy(),
        java.nio.file.Path.of(a.dir().isBlank() ? "." : a.dir()), a.everySeconds() * 1000L, config.domain(),
        config.cluster().nodeId());
    return vertx.deployVerticle(new JournalMaintenanceVerticle(pg.archive(vertx), journal, options, clock))
        .map(id -> {
          deployments.add(id);
          return null;
        });
  }

  /** The in-memory journal, or PostgreSQL (connected and migrated) when ROUTER_PG_URL is set. */
  private Future<Journal> openJournal() {
    if (!config.durable()) {
      LOG.warn("running EMBEDDED: the journal is in memory, NOT durable; everything is lost when the process stops");
      return Future.succeededFuture(new MemoryJournal());
    }
    LOG.info("journal: PostgreSQL {} (durable)", PgJournal.describe(config.pgUrl()));
    return PgJournal.connect(vertx, config.pgUrl(), config.pgPoolSize(), config.journalTimeoutMs())
        .map(Journal.class::cast);
  }

  /**
   * The key that signs audit bundles: the configured file's; else the one kept in PostgreSQL
   * (made by the first node that starts, so every node signs with it); else, embedded, one for
   * this run only.
   */
  private Future<Void> loadAuditKey() {
    String file = config.auditSigningKey();
    Future<SigningKey> key;
    if (!file.isBlank()) {
      key = vertx.executeBlocking(() -> SigningKey.fromPem(Files.readString(Path.of(file)), "configured file"))
          .recover(err -> Future.failedFuture(new ConfigException(Setting.AUDIT_SIGNING_KEY.env() + " " + file + ": "
              + (err instanceof NoSuchFileException ? "no such file" : err.getMessage()))));
    } else if (journal instanceof PgJournal pg) {
      key = vertx.executeBlocking(() -> SigningKey.generate("database"))
          .compose(made -> pg.signingKeys().getOrCreate(
              new PgSigningKeys.Encoded(made.privateKey().getEncoded(), made.publicKey().getEncoded())))
          .compose(kept -> vertx.executeBlocking(() -> SigningKey.decode(kept.privateKey(), kept.publicKey(), "database")));
    } else {
      key = vertx.executeBlocking(() -> SigningKey.generate("this run only (embedded)"));
    }
    return key.map(k -> {
      auditKey = k;
      if (config.durable() || !file.isBlank()) {
        LOG.info("audit bundles are signed with Ed25519 key {} ({})", k.fingerprint(), k.origin());
      } else {
        LOG.warn("audit bundles are signed with Ed25519 key {}, made for this run only (embedded): set {} to keep one",
            k.fingerprint(), Setting.AUDIT_SIGNING_KEY.env());
      }
      return null;
    });
  }

  private Future<Void> deployHttp() {
    RouterConfig config = this.config;
    int instances = config.guard().instances();
    List<ApiVerticle> created = new ArrayList<>();
    return vertx.deployVerticle(() -> {
          ApiVerticle v = new ApiVerticle(auditKey);
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

  /**
   * Port 0 means "any free port": pick one now, so that every HTTP instance shares that one port.
   * (Vert.x's own shared random port, -1, would be shared with every other node started in the
   * same process, as tests do.)
   */
  public static RouterConfig withConcretePort(RouterConfig config) throws IOException {
    if (config.httpPort() != 0) {
      return config;
    }
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(config.httpHost()))) {
      return config.withHttpPort(probe.getLocalPort());
    }
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

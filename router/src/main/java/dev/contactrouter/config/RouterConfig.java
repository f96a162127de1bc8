package dev.contactrouter.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The engine's configuration, read once (defaults, then the config file, then system properties,
 * then the environment) and checked before anything starts. A bad value fails the start with a
 * message naming the setting.
 */
public record RouterConfig(
    int httpPort,
    String httpHost,
    List<ApiKey> apiKeys,
    List<User> users,
    String jwtSecret,
    int jwtTtlSeconds,
    String pgUrl,
    JournalOptions journal,
    String redisUrl,
    TimerOptions timers,
    String domain,
    int bodyLimitBytes,
    long requestTimeoutMs,
    Guard guard,
    Reconcile reconcile,
    Memory memory,
    Cluster cluster,
    Webhooks webhooks,
    boolean demo,
    double demoRate,
    String auditSigningKey,
    Archiving archiving) {

  /**
   * How the journal is kept bounded: retention per domain, where archived months go, how often.
   *
   * @param retentionDays days every domain's events stay live (0: for ever)
   * @param retentionByDomain per-domain overrides of it
   * @param dir the archive directory (empty when no retention is set)
   * @param everySeconds how often the default domain's owner maintains partitions and archives (0: never)
   */
  public record Archiving(int retentionDays, java.util.Map<String, Integer> retentionByDomain, String dir,
      int everySeconds) {
    public Archiving {
      retentionByDomain = java.util.Map.copyOf(retentionByDomain);
      if (policy(retentionDays, retentionByDomain).active() && dir.isBlank()) {
        throw new ConfigException(Setting.JOURNAL_RETENTION_DAYS.env() + " or " + Setting.JOURNAL_RETENTION_BY_DOMAIN.env()
            + " is set: " + Setting.ARCHIVE_DIR.env() + " must name the directory archived months go to");
      }
    }

    public dev.contactrouter.store.ArchivePolicy policy() {
      return policy(retentionDays, retentionByDomain);
    }

    private static dev.contactrouter.store.ArchivePolicy policy(int days, java.util.Map<String, Integer> byDomain) {
      return new dev.contactrouter.store.ArchivePolicy(days, byDomain);
    }

    String byDomainSpec() {
      StringBuilder spec = new StringBuilder();
      new java.util.TreeMap<>(retentionByDomain).forEach((d, n) -> spec.append(spec.length() == 0 ? "" : ",")
          .append(d).append('=').append(n));
      return spec.toString();
    }
  }

  /**
   * Where this node stands among others: its name, its Hazelcast peers, the domains the
   * deployment serves and how ownership of them is leased.
   *
   * @param nodeId this node's name in the cluster and in leases
   * @param domains every routing domain served, the default one first
   * @param members Hazelcast peers as host:port (empty and no Kubernetes service: a single node)
   * @param kubernetesService headless Service DNS name for Hazelcast's Kubernetes discovery, or empty
   * @param leaseMillis how long ownership of a domain lasts without renewal
   * @param failureSeconds heartbeat silence after which a peer counts as gone
   * @param shutdownMillis the most a graceful stop may take
   */
  public record Cluster(
      String nodeId,
      List<String> domains,
      List<String> members,
      String host,
      int port,
      String kubernetesService,
      long leaseMillis,
      int failureSeconds,
      long shutdownMillis,
      int startTimeoutSeconds) {
    public Cluster {
      domains = List.copyOf(domains);
      members = List.copyOf(members);
    }

    /** Whether this node joins peers (members or Kubernetes discovery configured). */
    public boolean clustered() {
      return !members.isEmpty() || !kubernetesService.isBlank();
    }
  }

  /**
   * How webhooks are delivered: each attempt's time limit, the backoff between attempts, when a
   * delivery is given up, and how many one webhook may have waiting.
   */
  public record Webhooks(
      int timeoutMs, int retryFirstMs, int retryMaxMs, int maxAttempts, int maxAgeSeconds, int pendingMax) {
    public Webhooks {
      if (retryMaxMs < retryFirstMs) {
        throw new ConfigException("ROUTER_WEBHOOK_RETRY_MAX_MS (" + retryMaxMs + ") must not be shorter than "
            + "ROUTER_WEBHOOK_RETRY_FIRST_MS (" + retryFirstMs + ")");
      }
    }
  }

  /**
   * How often the reconciler looks for stuck work, and what counts as stuck.
   *
   * @param periodSeconds 0 turns it off
   * @param staleAssignmentHours 0: a real-time assignment is never closed as stale
   */
  public record Reconcile(int periodSeconds, int graceSeconds, int staleAssignmentHours) {}

  /**
   * What each domain's writer keeps in memory of finished work (the journal keeps everything).
   *
   * @param endedContacts completed or abandoned contacts kept for reads, newest first
   * @param closedCases closed complaint cases kept for reads, newest first
   * @param idempotencyKeys {@code Idempotency-Key}s of calls other than contact creation remembered
   * @param idempotencyTtlSeconds how long such a key is remembered
   */
  public record Memory(int endedContacts, int closedCases, int idempotencyKeys, int idempotencyTtlSeconds) {}

  /**
   * How the HTTP front protects itself.
   *
   * @param httpInstances HTTP verticles sharing the port (0: one per core, at most 8)
   * @param tlsCert PEM certificate file, empty for plain HTTP
   * @param overloadLagMillis how far behind an HTTP event loop may run before it refuses new intake (0: never)
   * @param overloadFrontMillis how long new intake may take to be answered before an HTTP event loop
   *     lowers how much of it it lets in at once (0: no limit)
   * @param idleTimeoutSeconds silence after which the server closes a connection
   * @param pingSeconds how often sockets are pinged and event streams get a heartbeat (shorter than the idle timeout)
   */
  public record Guard(
      int httpInstances,
      double ratePerSecond,
      int rateBurst,
      double addressRatePerSecond,
      List<String> allowedOrigins,
      String tlsCert,
      String tlsKey,
      int overloadLagMillis,
      int overloadFrontMillis,
      int idleTimeoutSeconds,
      int pingSeconds) {

    public Guard {
      allowedOrigins = List.copyOf(allowedOrigins);
      if (pingSeconds >= idleTimeoutSeconds) {
        throw new ConfigException("ROUTER_PING_SECONDS (" + pingSeconds + ") must be shorter than "
            + "ROUTER_IDLE_TIMEOUT_SECONDS (" + idleTimeoutSeconds + "), or quiet sockets are closed before a ping");
      }
      if (tlsCert.isBlank() != tlsKey.isBlank()) {
        throw new ConfigException("ROUTER_TLS_CERT and ROUTER_TLS_KEY go together: set both or neither");
      }
    }

    public boolean tls() {
      return !tlsCert.isBlank();
    }

    /** The instances to deploy: as configured, else one per core, at most 8. */
    public int instances() {
      return httpInstances > 0 ? httpInstances : Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 8));
    }
  }

  public RouterConfig {
    apiKeys = List.copyOf(apiKeys);
    users = List.copyOf(users);
  }

  /**
   * How the Redis timer store polls and claims.
   *
   * @param keyPrefix prefix of its Redis keys
   * @param pollMillis pause between polls that found less than a full batch
   * @param batchSize most timers claimed per poll
   * @param leaseMillis how long a claimed, unacknowledged timer waits before it is delivered again
   */
  public record TimerOptions(String keyPrefix, long pollMillis, int batchSize, long leaseMillis) {}

  /**
   * How the domain writer uses its journal.
   *
   * @param poolSize PostgreSQL connections
   * @param timeoutMs how long an append may take before the writer gives up and rebuilds
   * @param batchMax most events in one append
   * @param snapshotEvery fewest events between two snapshots (0: never)
   * @param maxPending commands waiting for the journal past which new intake is refused (0: never)
   */
  public record JournalOptions(int poolSize, long timeoutMs, int batchMax, long snapshotEvery, int maxPending,
      int maxDelayMillis) {}

  public int pgPoolSize() {
    return journal.poolSize();
  }

  public long journalTimeoutMs() {
    return journal.timeoutMs();
  }

  public int journalBatchMax() {
    return journal.batchMax();
  }

  public long snapshotEvery() {
    return journal.snapshotEvery();
  }

  /** Shortest accepted {@code ROUTER_JWT_SECRET}: HS256 wants a key of at least 256 bits. */
  public static final int MIN_JWT_SECRET_LENGTH = 32;

  /** Reads the configuration: {@code configFile} may be null (then ROUTER_CONFIG, if set). */
  public static Future<RouterConfig> load(Vertx vertx, String configFile) {
    ConfigRetrieverOptions options = new ConfigRetrieverOptions().setScanPeriod(0);
    String file = configFile != null ? configFile : System.getenv("ROUTER_CONFIG");
    if (file != null && !file.isBlank()) {
      options.addStore(new ConfigStoreOptions().setType("file").setFormat("json")
          .setConfig(new JsonObject().put("path", file)));
    }
    JsonArray envNames = new JsonArray();
    for (Setting s : Setting.values()) {
      envNames.add(s.env());
    }
    options.addStore(new ConfigStoreOptions().setType("sys").setConfig(new JsonObject().put("cache", false)));
    options.addStore(new ConfigStoreOptions().setType("env").setConfig(new JsonObject().put("keys", envNames)));
    ConfigRetriever retriever = ConfigRetriever.create(vertx, options);
    return retriever.getConfig()
        .eventually(() -> {
          retriever.close();
          return Future.succeededFuture();
        })
        // Parsing hashes plain passwords, which is deliberately slow: keep it off the event loop.
        .compose(json -> vertx.executeBlocking(() -> from(json)));
  }

  /** Events between snapshots with a PostgreSQL journal when {@code ROUTER_SNAPSHOT_EVERY} is not set. */
  public static final int DURABLE_SNAPSHOT_EVERY = 10_000;

  /** Parses merged configuration JSON: each setting by its env name, else its file key, else its default. */
  public static RouterConfig from(JsonObject json) {
    String pgUrl = pgUrl(string(json, Setting.PG_URL));
    return new RouterConfig(
        intIn(json, Setting.HTTP_PORT, 0, 65535),
        string(json, Setting.HTTP_HOST),
        apiKeys(string(json, Setting.API_KEYS)),
        users(string(json, Setting.USERS)),
        jwtSecret(string(json, Setting.JWT_SECRET)),
        intIn(json, Setting.JWT_TTL_SECONDS, 5, 7 * 24 * 3600),
        pgUrl,
        new JournalOptions(
            intIn(json, Setting.PG_POOL_SIZE, 2, 64),
            intIn(json, Setting.JOURNAL_TIMEOUT_MS, 100, 600_000),
            intIn(json, Setting.JOURNAL_BATCH_MAX, 1, 100_000),
            snapshotEvery(json, pgUrl),
            intIn(json, Setting.OVERLOAD_PENDING_MAX, 0, 1_000_000),
            intIn(json, Setting.OVERLOAD_DELAY_MS, 0, 600_000)),
        string(json, Setting.REDIS_URL),
        new TimerOptions(
            keyPrefix(string(json, Setting.REDIS_KEY_PREFIX)),
            intIn(json, Setting.TIMER_POLL_MS, 5, 10_000),
            intIn(json, Setting.TIMER_BATCH, 1, 10_000),
            intIn(json, Setting.TIMER_LEASE_MS, 1_000, 600_000)),
        domainId(string(json, Setting.DOMAIN)),
        intIn(json, Setting.BODY_LIMIT_BYTES, 1024, 16 * 1024 * 1024),
        intIn(json, Setting.REQUEST_TIMEOUT_MS, 100, 600_000),
        new Guard(
            intIn(json, Setting.HTTP_INSTANCES, 0, 64),
            doubleIn(json, Setting.RATE_LIMIT_PER_SECOND, 0, 1_000_000),
            intIn(json, Setting.RATE_LIMIT_BURST, 1, 10_000_000),
            doubleIn(json, Setting.ADDRESS_RATE_LIMIT_PER_SECOND, 0, 1_000_000),
            list(string(json, Setting.ALLOWED_ORIGINS)),
            string(json, Setting.TLS_CERT),
            string(json, Setting.TLS_KEY),
            intIn(json, Setting.OVERLOAD_LAG_MS, 0, 60_000),
            intIn(json, Setting.OVERLOAD_FRONT_MS, 0, 60_000),
            intIn(json, Setting.IDLE_TIMEOUT_SECONDS, 2, 86_400),
            intIn(json, Setting.PING_SECONDS, 1, 3_600)),
        new Reconcile(
            intIn(json, Setting.RECONCILE_SECONDS, 0, 86_400),
            intIn(json, Setting.RECONCILE_GRACE_SECONDS, 1, 3_600),
            intIn(json, Setting.STALE_ASSIGNMENT_HOURS, 0, 24 * 30)),
        new Memory(
            intIn(json, Setting.RETAIN_ENDED_CONTACTS, 1_000, 10_000_000),
            intIn(json, Setting.RETAIN_CLOSED_CASES, 1, 10_000_000),
            intIn(json, Setting.IDEMPOTENCY_KEYS, 1_000, 10_000_000),
            intIn(json, Setting.IDEMPOTENCY_TTL_SECONDS, 60, 30 * 86_400)),
        cluster(json),
        new Webhooks(
            intIn(json, Setting.WEBHOOK_TIMEOUT_MS, 100, 600_000),
            intIn(json, Setting.WEBHOOK_RETRY_FIRST_MS, 10, 3_600_000),
            intIn(json, Setting.WEBHOOK_RETRY_MAX_MS, 10, 86_400_000),
            intIn(json, Setting.WEBHOOK_MAX_ATTEMPTS, 1, 1_000),
            intIn(json, Setting.WEBHOOK_MAX_AGE_SECONDS, 1, 30 * 86_400),
            intIn(json, Setting.WEBHOOK_PENDING_MAX, 1, 1_000_000)),
        bool(json, Setting.DEMO),
        doubleIn(json, Setting.DEMO_RATE, 0, 1000),
        string(json, Setting.AUDIT_SIGNING_KEY),
        archiving(json));
  }

  private static Archiving archiving(JsonObject json) {
    java.util.Map<String, Integer> byDomain = new java.util.HashMap<>();
    for (String pair : list(string(json, Setting.JOURNAL_RETENTION_BY_DOMAIN))) {
      int eq = pair.indexOf('=');
      String days = eq < 0 ? "" : pair.substring(eq + 1).trim();
      if (eq < 0 || !days.matches("\\d{1,6}")) {
        throw new ConfigException(Setting.JOURNAL_RETENTION_BY_DOMAIN.env() + " must be comma-separated domain=days, got '"
            + pair + "'");
      }
      byDomain.put(domainId(pair.substring(0, eq).trim(), Setting.JOURNAL_RETENTION_BY_DOMAIN), Integer.parseInt(days));
    }
    Archiving a = new Archiving(intIn(json, Setting.JOURNAL_RETENTION_DAYS, 0, 365_000), byDomain,
        string(json, Setting.ARCHIVE_DIR), intIn(json, Setting.ARCHIVE_EVERY_SECONDS, 0, 30 * 86_400));
    if (a.policy().active() && string(json, Setting.PG_URL).isBlank()) {
      throw new ConfigException(Setting.JOURNAL_RETENTION_DAYS.env() + " needs " + Setting.PG_URL.env()
          + ": only the PostgreSQL journal is partitioned and archived");
    }
    return a;
  }

  public boolean durable() {
    return !pgUrl.isBlank();
  }

  public RouterConfig withApiKeys(List<ApiKey> keys) {
    return with(Setting.API_KEYS, keySpec(keys));
  }

  public RouterConfig withUsers(List<User> list) {
    return with(Setting.USERS, userSpec(list));
  }

  public RouterConfig withJwtSecret(String secret) {
    return with(Setting.JWT_SECRET, secret);
  }

  public RouterConfig withHttpPort(int port) {
    return with(Setting.HTTP_PORT, port);
  }

  /** The configuration as JSON keyed by environment names, as {@link #from} reads it back. */
  public JsonObject toJson() {
    return new JsonObject()
        .put(Setting.HTTP_PORT.env(), httpPort)
        .put(Setting.HTTP_HOST.env(), httpHost)
        .put(Setting.API_KEYS.env(), keySpec(apiKeys))
        .put(Setting.USERS.env(), userSpec(users))
        .put(Setting.JWT_SECRET.env(), jwtSecret)
        .put(Setting.JWT_TTL_SECONDS.env(), jwtTtlSeconds)
        .put(Setting.PG_URL.env(), pgUrl)
        .put(Setting.PG_POOL_SIZE.env(), journal.poolSize())
        .put(Setting.JOURNAL_TIMEOUT_MS.env(), journal.timeoutMs())
        .put(Setting.JOURNAL_BATCH_MAX.env(), journal.batchMax())
        .put(Setting.SNAPSHOT_EVERY.env(), journal.snapshotEvery())
        .put(Setting.OVERLOAD_PENDING_MAX.env(), journal.maxPending())
        .put(Setting.OVERLOAD_DELAY_MS.env(), journal.maxDelayMillis())
        .put(Setting.REDIS_URL.env(), redisUrl)
        .put(Setting.REDIS_KEY_PREFIX.env(), timers.keyPrefix())
        .put(Setting.TIMER_POLL_MS.env(), timers.pollMillis())
        .put(Setting.TIMER_BATCH.env(), timers.batchSize())
        .put(Setting.TIMER_LEASE_MS.env(), timers.leaseMillis())
        .put(Setting.DOMAIN.env(), domain)
        .put(Setting.BODY_LIMIT_BYTES.env(), bodyLimitBytes)
        .put(Setting.REQUEST_TIMEOUT_MS.env(), requestTimeoutMs)
        .put(Setting.HTTP_INSTANCES.env(), guard.httpInstances())
        .put(Setting.RATE_LIMIT_PER_SECOND.env(), guard.ratePerSecond())
        .put(Setting.RATE_LIMIT_BURST.env(), guard.rateBurst())
        .put(Setting.ADDRESS_RATE_LIMIT_PER_SECOND.env(), guard.addressRatePerSecond())
        .put(Setting.ALLOWED_ORIGINS.env(), String.join(",", guard.allowedOrigins()))
        .put(Setting.TLS_CERT.env(), guard.tlsCert())
        .put(Setting.TLS_KEY.env(), guard.tlsKey())
        .put(Setting.OVERLOAD_LAG_MS.env(), guard.overloadLagMillis())
        .put(Setting.OVERLOAD_FRONT_MS.env(), guard.overloadFrontMillis())
        .put(Setting.IDLE_TIMEOUT_SECONDS.env(), guard.idleTimeoutSeconds())
        .put(Setting.PING_SECONDS.env(), guard.pingSeconds())
        .put(Setting.RECONCILE_SECONDS.env(), reconcile.periodSeconds())
        .put(Setting.RECONCILE_GRACE_SECONDS.env(), reconcile.graceSeconds())
        .put(Setting.STALE_ASSIGNMENT_HOURS.env(), reconcile.staleAssignmentHours())
        .put(Setting.RETAIN_ENDED_CONTACTS.env(), memory.endedContacts())
        .put(Setting.RETAIN_CLOSED_CASES.env(), memory.closedCases())
        .put(Setting.IDEMPOTENCY_KEYS.env(), memory.idempotencyKeys())
        .put(Setting.IDEMPOTENCY_TTL_SECONDS.env(), memory.idempotencyTtlSeconds())
        .put(Setting.NODE_ID.env(), cluster.nodeId())
        .put(Setting.DOMAINS.env(), String.join(",", cluster.domains()))
        .put(Setting.CLUSTER_MEMBERS.env(), String.join(",", cluster.members()))
        .put(Setting.CLUSTER_HOST.env(), cluster.host())
        .put(Setting.CLUSTER_PORT.env(), cluster.port())
        .put(Setting.CLUSTER_KUBERNETES_SERVICE.env(), cluster.kubernetesService())
        .put(Setting.LEASE_MS.env(), cluster.leaseMillis())
        .put(Setting.CLUSTER_FAILURE_SECONDS.env(), cluster.failureSeconds())
        .put(Setting.SHUTDOWN_TIMEOUT_MS.env(), cluster.shutdownMillis())
        .put(Setting.START_TIMEOUT_SECONDS.env(), cluster.startTimeoutSeconds())
        .put(Setting.WEBHOOK_TIMEOUT_MS.env(), webhooks.timeoutMs())
        .put(Setting.WEBHOOK_RETRY_FIRST_MS.env(), webhooks.retryFirstMs())
        .put(Setting.WEBHOOK_RETRY_MAX_MS.env(), webhooks.retryMaxMs())
        .put(Setting.WEBHOOK_MAX_ATTEMPTS.env(), webhooks.maxAttempts())
        .put(Setting.WEBHOOK_MAX_AGE_SECONDS.env(), webhooks.maxAgeSeconds())
        .put(Setting.WEBHOOK_PENDING_MAX.env(), webhooks.pendingMax())
        .put(Setting.DEMO.env(), demo)
        .put(Setting.DEMO_RATE.env(), demoRate)
        .put(Setting.AUDIT_SIGNING_KEY.env(), auditSigningKey)
        .put(Setting.JOURNAL_RETENTION_DAYS.env(), archiving.retentionDays())
        .put(Setting.JOURNAL_RETENTION_BY_DOMAIN.env(), archiving.byDomainSpec())
        .put(Setting.ARCHIVE_DIR.env(), archiving.dir())
        .put(Setting.ARCHIVE_EVERY_SECONDS.env(), archiving.everySeconds());
  }

  public RouterConfig withDemo(boolean on) {
    return with(Setting.DEMO, on);
  }

  /**
   * This configuration with one setting changed: through {@link #toJson} and {@link #from}, so
   * the result passes the same checks as anything read at start (users are carried hashed).
   */
  private RouterConfig with(Setting setting, Object value) {
    return from(toJson().put(setting.env(), value));
  }

  private static String keySpec(List<ApiKey> keys) {
    StringBuilder spec = new StringBuilder();
    for (ApiKey k : keys) {
      spec.append(spec.length() == 0 ? "" : ",").append(k.key()).append('=').append(k.roleSpec());
    }
    return spec.toString();
  }

  private static String userSpec(List<User> users) {
    StringBuilder spec = new StringBuilder();
    for (User u : users) {
      spec.append(spec.length() == 0 ? "" : ",").append(u.spec());
    }
    return spec.toString();
  }

  /** Names the settings, never the secrets, keys or password hashes. */
  @Override
  public String toString() {
    return "RouterConfig[httpHost=" + httpHost + ", httpPort=" + httpPort + ", domain=" + domain
        + ", apiKeys=" + apiKeys.size() + ", users=" + users + ", jwtSecret=" + (jwtSecret.isEmpty() ? "unset" : "***")
        + ", jwtTtlSeconds=" + jwtTtlSeconds + ", durable=" + durable() + ", demo=" + demo + "]";
  }

  static String string(JsonObject json, Setting s) {
    Object v = json.getValue(s.env());
    if (v == null) {
      v = json.getValue(s.key());
    }
    return v == null ? s.defaultValue() : String.valueOf(v).trim();
  }

  private static int intIn(JsonObject json, Setting s, int min, int max) {
    String raw = string(json, s);
    try {
      int v = Integer.parseInt(raw);
      if (v < min || v > max) {
        throw new ConfigException(s.env() + " must be between " + min + " and " + max + ", got " + v);
      }
      return v;
    } catch (NumberFormatException e) {
      throw new ConfigException(s.env() + " must be a whole number, got '" + raw + "'");
    }
  }

  private static double doubleIn(JsonObject json, Setting s, double min, double max) {
    String raw = string(json, s);
    try {
      double v = Double.parseDouble(raw);
      if (!(v >= min && v <= max)) {
        throw new ConfigException(s.env() + " must be between " + min + " and " + max + ", got " + raw);
      }
      return v;
    } catch (NumberFormatException e) {
      throw new ConfigException(s.env() + " must be a number, got '" + raw + "'");
    }
  }

  private static boolean bool(JsonObject json, Setting s) {
    String raw = string(json, s).toLowerCase(Locale.ROOT);
    if (raw.equals("true") || raw.equals("false")) {
      return Boolean.parseBoolean(raw);
    }
    throw new ConfigException(s.env() + " must be true or false, got '" + raw + "'");
  }

  /**
   * {@link Setting#SNAPSHOT_EVERY}, or when it is not set: {@link #DURABLE_SNAPSHOT_EVERY} with a
   * PostgreSQL journal, none with the embedded one. An in-memory journal and its snapshots are lost
   * together with the process, so routine snapshots would buy no restart; they cost a third of
   * intake and half the heap per contact while contacts pile up (benchmarks/README.md).
   */
  private static int snapshotEvery(JsonObject json, String pgUrl) {
    if (!string(json, Setting.SNAPSHOT_EVERY).isEmpty()) {
      return intIn(json, Setting.SNAPSHOT_EVERY, 0, 100_000_000);
    }
    return pgUrl.isEmpty() ? 0 : DURABLE_SNAPSHOT_EVERY;
  }

  /** The journal's URL, checked for shape at start (connecting is the journal's job). */
  private static String pgUrl(String raw) {
    if (!raw.isEmpty() && !raw.matches("postgres(ql)?://\\S+")) {
      throw new ConfigException(Setting.PG_URL.env() + " must look like postgresql://user:password@host:5432/database");
    }
    return raw;
  }

  private static String keyPrefix(String raw) {
    if (!raw.matches("[A-Za-z0-9][A-Za-z0-9:._-]{0,99}")) {
      throw new ConfigException(Setting.REDIS_KEY_PREFIX.env()
          + " must be letters, digits and : . _ - (no braces or spaces), got '" + raw + "'");
    }
    return raw;
  }

  private static String domainId(String raw) {
    return domainId(raw, Setting.DOMAIN);
  }

  private static String domainId(String raw, Setting setting) {
    if (!raw.matches("[a-z0-9][a-z0-9-]{0,39}")) {
      throw new ConfigException(setting.env() + " must be lower-case letters, digits and dashes, got '" + raw + "'");
    }
    return raw;
  }

  /** The cluster settings, checked together: clustering needs the durable journal, the one arbiter of ownership. */
  private static Cluster cluster(JsonObject json) {
    String defaultDomain = domainId(string(json, Setting.DOMAIN));
    java.util.LinkedHashSet<String> domains = new java.util.LinkedHashSet<>();
    domains.add(defaultDomain);
    for (String d : list(string(json, Setting.DOMAINS))) {
      domains.add(domainId(d, Setting.DOMAINS));
    }
    List<String> members = list(string(json, Setting.CLUSTER_MEMBERS));
    boolean clustered = !members.isEmpty() || !string(json, Setting.CLUSTER_KUBERNETES_SERVICE).isBlank();
    String nodeId = string(json, Setting.NODE_ID);
    if (nodeId.isEmpty()) {
      // A node on its own keeps one name; its leases also carry an instance made at every start, so two
      // processes of that name (a double start, an overlapping restart) never take each other's lease.
      nodeId = clustered ? "node-" + java.util.UUID.randomUUID().toString().substring(0, 8) : "standalone";
    } else if (!nodeId.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
      throw new ConfigException(Setting.NODE_ID.env() + " must be letters, digits and . _ - (at most 63), got '" + nodeId + "'");
    }
    for (String m : members) {
      if (!m.matches("[A-Za-z0-9.:\\[\\]-]+:\\d{1,5}")) {
        throw new ConfigException(Setting.CLUSTER_MEMBERS.env() + " must be comma-separated host:port, got '" + m + "'");
      }
    }
    Cluster c = new Cluster(nodeId, List.copyOf(domains), members,
        string(json, Setting.CLUSTER_HOST),
        intIn(json, Setting.CLUSTER_PORT, 1, 65535),
        string(json, Setting.CLUSTER_KUBERNETES_SERVICE),
        intIn(json, Setting.LEASE_MS, 1_000, 600_000),
        intIn(json, Setting.CLUSTER_FAILURE_SECONDS, 1, 300),
        intIn(json, Setting.SHUTDOWN_TIMEOUT_MS, 1_000, 600_000),
        intIn(json, Setting.START_TIMEOUT_SECONDS, 0, 86_400));
    if (c.clustered() && string(json, Setting.PG_URL).isBlank()) {
      throw new ConfigException("a cluster (" + Setting.CLUSTER_MEMBERS.env() + " or "
          + Setting.CLUSTER_KUBERNETES_SERVICE.env() + " set) needs " + Setting.PG_URL.env()
          + ": domain ownership is a lease in PostgreSQL");
    }
    return c;
  }

  private static List<User> users(String raw) {
    List<User> users = new ArrayList<>();
    java.util.Set<String> names = new java.util.HashSet<>();
    for (String spec : raw.split(",")) {
      if (!spec.isBlank()) {
        User u = User.parse(spec.trim(), PasswordHash.DEFAULT_ITERATIONS);
        if (!names.add(u.username())) {
          throw new ConfigException(Setting.USERS.env() + ": user " + u.username() + " is listed twice");
        }
        users.add(u);
      }
    }
    return users;
  }

  private static String jwtSecret(String raw) {
    if (!raw.isEmpty() && raw.length() < MIN_JWT_SECRET_LENGTH) {
      throw new ConfigException(Setting.JWT_SECRET.env() + " must be at least " + MIN_JWT_SECRET_LENGTH
          + " characters (got " + raw.length() + ")");
    }
    return raw;
  }

  private static List<String> list(String raw) {
    List<String> out = new ArrayList<>();
    for (String item : raw.split(",")) {
      if (!item.isBlank()) {
        out.add(item.trim());
      }
    }
    return out;
  }

  private static List<ApiKey> apiKeys(String raw) {
    List<ApiKey> keys = new ArrayList<>();
    for (String pair : raw.split(",")) {
      if (!pair.isBlank()) {
        keys.add(ApiKey.parse(pair.trim()));
      }
    }
    return keys;
  }
}

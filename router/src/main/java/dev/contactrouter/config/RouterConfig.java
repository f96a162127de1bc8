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
    int pgPoolSize,
    long journalTimeoutMs,
    int journalBatchMax,
    long snapshotEvery,
    String redisUrl,
    String domain,
    int bodyLimitBytes,
    long requestTimeoutMs,
    boolean demo,
    double demoRate) {

  public RouterConfig {
    apiKeys = List.copyOf(apiKeys);
    users = List.copyOf(users);
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

  /** Parses merged configuration JSON: each setting by its env name, else its file key, else its default. */
  public static RouterConfig from(JsonObject json) {
    return new RouterConfig(
        intIn(json, Setting.HTTP_PORT, 0, 65535),
        string(json, Setting.HTTP_HOST),
        apiKeys(string(json, Setting.API_KEYS)),
        users(string(json, Setting.USERS)),
        jwtSecret(string(json, Setting.JWT_SECRET)),
        intIn(json, Setting.JWT_TTL_SECONDS, 60, 7 * 24 * 3600),
        pgUrl(string(json, Setting.PG_URL)),
        intIn(json, Setting.PG_POOL_SIZE, 2, 64),
        intIn(json, Setting.JOURNAL_TIMEOUT_MS, 100, 600_000),
        intIn(json, Setting.JOURNAL_BATCH_MAX, 1, 100_000),
        intIn(json, Setting.SNAPSHOT_EVERY, 0, 100_000_000),
        string(json, Setting.REDIS_URL),
        domainId(string(json, Setting.DOMAIN)),
        intIn(json, Setting.BODY_LIMIT_BYTES, 1024, 16 * 1024 * 1024),
        intIn(json, Setting.REQUEST_TIMEOUT_MS, 100, 600_000),
        bool(json, Setting.DEMO),
        doubleIn(json, Setting.DEMO_RATE, 0, 1000));
  }

  public boolean durable() {
    return !pgUrl.isBlank();
  }

  public RouterConfig withApiKeys(List<ApiKey> keys) {
    return new RouterConfig(httpPort, httpHost, keys, users, jwtSecret, jwtTtlSeconds, pgUrl, pgPoolSize,
        journalTimeoutMs, journalBatchMax, snapshotEvery, redisUrl, domain, bodyLimitBytes, requestTimeoutMs,
        demo, demoRate);
  }

  public RouterConfig withUsers(List<User> list) {
    return new RouterConfig(httpPort, httpHost, apiKeys, list, jwtSecret, jwtTtlSeconds, pgUrl, pgPoolSize,
        journalTimeoutMs, journalBatchMax, snapshotEvery, redisUrl, domain, bodyLimitBytes, requestTimeoutMs,
        demo, demoRate);
  }

  public RouterConfig withJwtSecret(String secret) {
    return new RouterConfig(httpPort, httpHost, apiKeys, users, jwtSecret(secret), jwtTtlSeconds, pgUrl,
        pgPoolSize, journalTimeoutMs, journalBatchMax, snapshotEvery, redisUrl, domain, bodyLimitBytes,
        requestTimeoutMs, demo, demoRate);
  }

  public RouterConfig withHttpPort(int port) {
    return new RouterConfig(port, httpHost, apiKeys, users, jwtSecret, jwtTtlSeconds, pgUrl, pgPoolSize,
        journalTimeoutMs, journalBatchMax, snapshotEvery, redisUrl, domain, bodyLimitBytes, requestTimeoutMs,
        demo, demoRate);
  }

  /** The configuration as JSON keyed by environment names, as {@link #from} reads it back. */
  public JsonObject toJson() {
    StringBuilder keys = new StringBuilder();
    for (ApiKey k : apiKeys) {
      keys.append(keys.length() == 0 ? "" : ",").append(k.key()).append('=').append(k.roleSpec());
    }
    StringBuilder hashedUsers = new StringBuilder();
    for (User u : users) {
      hashedUsers.append(hashedUsers.length() == 0 ? "" : ",").append(u.spec());
    }
    return new JsonObject()
        .put(Setting.HTTP_PORT.env(), httpPort)
        .put(Setting.HTTP_HOST.env(), httpHost)
        .put(Setting.API_KEYS.env(), keys.toString())
        .put(Setting.USERS.env(), hashedUsers.toString())
        .put(Setting.JWT_SECRET.env(), jwtSecret)
        .put(Setting.JWT_TTL_SECONDS.env(), jwtTtlSeconds)
        .put(Setting.PG_URL.env(), pgUrl)
        .put(Setting.PG_POOL_SIZE.env(), pgPoolSize)
        .put(Setting.JOURNAL_TIMEOUT_MS.env(), journalTimeoutMs)
        .put(Setting.JOURNAL_BATCH_MAX.env(), journalBatchMax)
        .put(Setting.SNAPSHOT_EVERY.env(), snapshotEvery)
        .put(Setting.REDIS_URL.env(), redisUrl)
        .put(Setting.DOMAIN.env(), domain)
        .put(Setting.BODY_LIMIT_BYTES.env(), bodyLimitBytes)
        .put(Setting.REQUEST_TIMEOUT_MS.env(), requestTimeoutMs)
        .put(Setting.DEMO.env(), demo)
        .put(Setting.DEMO_RATE.env(), demoRate);
  }

  public RouterConfig withDemo(boolean on) {
    return new RouterConfig(httpPort, httpHost, apiKeys, users, jwtSecret, jwtTtlSeconds, pgUrl, pgPoolSize,
        journalTimeoutMs, journalBatchMax, snapshotEvery, redisUrl, domain, bodyLimitBytes, requestTimeoutMs,
        on, demoRate);
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

  /** The journal's URL, checked for shape at start (connecting is the journal's job). */
  private static String pgUrl(String raw) {
    if (!raw.isEmpty() && !raw.matches("postgres(ql)?://\\S+")) {
      throw new ConfigException(Setting.PG_URL.env() + " must look like postgresql://user:password@host:5432/database");
    }
    return raw;
  }

  private static String domainId(String raw) {
    if (!raw.matches("[a-z0-9][a-z0-9-]{0,39}")) {
      throw new ConfigException(Setting.DOMAIN.env() + " must be lower-case letters, digits and dashes, got '" + raw + "'");
    }
    return raw;
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

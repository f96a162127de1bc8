package dev.contactrouter.config;

/**
 * Every configuration key the engine reads, with its environment variable, default and meaning.
 * The README's configuration table is checked against this list by a test, so they cannot drift.
 * A key can be set in the config file (JSON, by its {@code key}), as an environment variable or
 * as a system property (by its {@code env} name); the environment wins over the file.
 */
public enum Setting {
  HTTP_PORT("httpPort", "ROUTER_HTTP_PORT", "8080",
      "HTTP and WebSocket port; 0 picks a free port and the log says which"),
  HTTP_HOST("httpHost", "ROUTER_HTTP_HOST", "0.0.0.0", "Address the HTTP server binds to"),
  API_KEYS("apiKeys", "ROUTER_API_KEYS", "",
      "Comma-separated key=role pairs, roles telephony, supervisor, admin or agent:<agentId>. "
          + "Empty in the embedded default: one key per role is generated and printed at start"),
  USERS("users", "ROUTER_USERS", "",
      "Console users, comma-separated user:password:role[:agentId] (roles agent, supervisor, admin; "
          + "agent needs the agent id). The password may be given pre-hashed as "
          + "pbkdf2-sha256$<iterations>$<salt>$<hash> (print one with "
          + "java -cp contact-router.jar dev.contactrouter.config.PasswordHash); plain ones are hashed when read"),
  JWT_SECRET("jwtSecret", "ROUTER_JWT_SECRET", "",
      "HMAC secret (at least 32 characters) that signs console sign-in tokens; every node of a cluster "
          + "needs the same one. Empty in the embedded default: generated at start, so tokens end with the process"),
  JWT_TTL_SECONDS("jwtTtlSeconds", "ROUTER_JWT_TTL_SECONDS", "28800",
      "How long a console sign-in token is valid, in seconds (default one 8-hour shift)"),
  PG_URL("pgUrl", "ROUTER_PG_URL", "",
      "PostgreSQL URL for the durable journal (postgresql://user:pass@host:5432/db); empty means the in-memory journal"),
  PG_POOL_SIZE("pgPoolSize", "ROUTER_PG_POOL_SIZE", "4",
      "Connections to PostgreSQL: appends use one at a time, history and audit reads the others"),
  JOURNAL_TIMEOUT_MS("journalTimeoutMs", "ROUTER_JOURNAL_TIMEOUT_MS", "3000",
      "How long a journal append or a connection to PostgreSQL may take; past it the journal counts as "
          + "unreachable and commands get 503 until it answers again"),
  JOURNAL_BATCH_MAX("journalBatchMax", "ROUTER_JOURNAL_BATCH_MAX", "2000",
      "Most events in one journal append (group commit: what arrives while one append is in flight goes "
          + "in the next); 1 appends every command on its own"),
  SNAPSHOT_EVERY("snapshotEvery", "ROUTER_SNAPSHOT_EVERY", "10000",
      "Events between snapshots of a domain's state; a restart replays only the events after the latest. 0 takes none"),
  REDIS_URL("redisUrl", "ROUTER_REDIS_URL", "",
      "Redis URL for the timer store (redis://host:6379/0); empty means in-memory timers"),
  DOMAIN("domain", "ROUTER_DOMAIN", "default", "The routing domain this node runs"),
  BODY_LIMIT_BYTES("bodyLimitBytes", "ROUTER_BODY_LIMIT_BYTES", "65536",
      "Largest request body accepted; larger ones get 413"),
  REQUEST_TIMEOUT_MS("requestTimeoutMs", "ROUTER_REQUEST_TIMEOUT_MS", "5000",
      "How long a request waits for its domain's writer before answering 503"),
  DEMO("demo", "ROUTER_DEMO", "false",
      "Run the built-in securities contact-centre simulation (same as --demo)"),
  DEMO_RATE("demoRate", "ROUTER_DEMO_RATE", "0.3",
      "Simulated contacts per second in the demo, across all its queues");

  private final String key;
  private final String env;
  private final String defaultValue;
  private final String description;

  Setting(String key, String env, String defaultValue, String description) {
    this.key = key;
    this.env = env;
    this.defaultValue = defaultValue;
    this.description = description;
  }

  public String key() {
    return key;
  }

  public String env() {
    return env;
  }

  public String defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }
}

package dev.contactrouter.config;

import java.util.Locale;

/**
 * Every configuration key the engine reads, with its default and meaning; its file key and environment
 * variable follow from its name ({@code HTTP_PORT}: {@code httpPort}, {@code ROUTER_HTTP_PORT}).
 * The README's configuration table is checked against this list by a test, so they cannot drift.
 * A key can be set in the config file (JSON, by its {@code key}), as an environment variable or
 * as a system property (by its {@code env} name); the environment wins over the file.
 */
public enum Setting {
  HTTP_PORT("8080",
      "HTTP and WebSocket port; 0 picks a free port and the log says which"),
  HTTP_HOST("0.0.0.0", "Address the HTTP server binds to"),
  API_KEYS("",
      "Comma-separated key=role pairs, roles telephony, supervisor, admin, agent:<agentId>, board:<site> (a "
          + "branch display that reads only that site's board) or survey (a survey system or IVR that posts surveys and "
          + "nothing else), each optionally @<domain> (default ROUTER_DOMAIN). "
          + "Empty in the embedded default: one key per role is generated and printed at start"),
  USERS("",
      "Console users, comma-separated user:password:role[:agentId][@domain] (roles agent, supervisor, admin; "
          + "agent needs the agent id). The password may be given pre-hashed as "
          + "pbkdf2-sha256$<iterations>$<salt>$<hash> (print one with "
          + "java -cp contact-router.jar dev.contactrouter.config.PasswordHash); plain ones are hashed when read"),
  JWT_SECRET("",
      "HMAC secret (at least 32 characters) that signs console sign-in tokens; every node of a cluster "
          + "needs the same one. Empty in the embedded default: generated at start, so tokens end with the process"),
  JWT_TTL_SECONDS("28800",
      "How long a console sign-in token is valid, in seconds (default one 8-hour shift)"),
  PG_URL("",
      "PostgreSQL URL for the durable journal (postgresql://user:pass@host:5432/db; PostgreSQL 12 or later: each "
          + "connection asks for `plan_cache_mode = force_custom_plan`); empty means the in-memory journal"),
  PG_POOL_SIZE("4",
      "Connections to PostgreSQL: appends use one at a time, history and audit reads the others"),
  JOURNAL_TIMEOUT_MS("3000",
      "How long a journal append or a connection to PostgreSQL may take; past it the journal counts as "
          + "unreachable and commands get 503 until it answers again"),
  JOURNAL_BATCH_MAX("2000",
      "Most events in one journal append (group commit: what arrives while one append is in flight goes "
          + "in the next); 1 appends every command on its own"),
  OVERLOAD_PENDING_MAX("256",
      "Commands a domain's writer may have taken and not yet answered (waiting for the journal) before new intake "
          + "(POST /v1/contacts, complaints, surveys, callbacks, supervisor and admin changes) gets 503 with Retry-After "
          + "at once instead of queueing; agents' own actions and call reports may have four times as many. 0 turns it off"),
  OVERLOAD_DELAY_MS("500",
      "How long (ms) the oldest command a domain's writer has taken may wait for the journal: once that has lasted "
          + "100 ms (a standing queue, not one slow append), new intake gets 503 with Retry-After at once until the wait "
          + "is back under it, so what is taken is answered in about this time; agents' own actions and call reports "
          + "may wait four times as long. Keep it well above the journal's usual append time (a CPU-starved host makes "
          + "appends slow without any overload of its own); benchmarks/overload.md shows 25 ms on a healthy local "
          + "PostgreSQL. 0 turns it off"),
  OVERLOAD_LAG_MS("500",
      "How far behind (ms) an HTTP event loop may run before new contacts, complaints, surveys and callback requests it "
          + "receives get 503 with Retry-After at once; agents' actions, call reports and reads are never refused for it. "
          + "0 turns it off"),
  OVERLOAD_FRONT_MS("100",
      "How long (ms) new contacts, complaints, cases, surveys and callback requests may take to be answered before "
          + "an HTTP event loop lets fewer of them in at once: each loop adapts how many it has in flight (never fewer "
          + "than 8, never more than its share of ROUTER_OVERLOAD_PENDING_MAX) and refuses the rest with 503 and "
          + "Retry-After on their first line, before reading them. 0 turns the limit off"),
  SNAPSHOT_EVERY("",
      "Events between snapshots of a domain's state; a restart replays only the events after the latest. 0 takes none; "
          + "empty: 10000 with a PostgreSQL journal, none embedded (the in-memory journal and its snapshots die with "
          + "the process)"),
  REDIS_URL("",
      "Redis URL for the timer store (redis://host:6379/0); empty means in-memory timers"),
  REDIS_KEY_PREFIX("router:timers",
      "Prefix of the timer store's Redis keys (each domain's keys are <prefix>:{<domain>}:due, :timers, :claimed, :alive)"),
  TIMER_POLL_MS("100",
      "How often the Redis timer store looks for due timers, in ms (a due timer fires at most about this late)"),
  TIMER_BATCH("1000",
      "Most due timers claimed from Redis in one poll; a full batch is followed by another poll at once"),
  TIMER_LEASE_MS("30000",
      "How long a claimed timer may stay unacknowledged before it is delivered again (a node died mid-delivery)"),
  DOMAIN("default",
      "The default routing domain: credentials that name no domain act in it"),
  DOMAINS("",
      "Comma-separated routing domains (tenants or sites) the deployment serves, each with its own writer, "
          + "journal and timers; empty means ROUTER_DOMAIN alone. A key or user acts in the domain its role "
          + "names (supervisor@branch-sz), else in ROUTER_DOMAIN"),
  NODE_ID("",
      "This node's stable name in the cluster and in domain leases; empty means one generated at start (node-<random>) "
          + "in a cluster and 'standalone' on its own. Leases also carry an instance made at every start, so two "
          + "processes with one name never take each other's lease"),
  CLUSTER_MEMBERS("",
      "Comma-separated host:port of the Hazelcast peers (TCP-IP join, no multicast); set means clustered "
          + "(needs ROUTER_PG_URL), unset means a single node"),
  CLUSTER_HOST("127.0.0.1",
      "Address this node's Hazelcast and clustered event bus bind to and announce to peers"),
  CLUSTER_PORT("5701", "This node's Hazelcast port"),
  CLUSTER_KUBERNETES_SERVICE("",
      "DNS name of a headless Kubernetes Service: set means clustered, peers found by Hazelcast's Kubernetes "
          + "DNS discovery instead of ROUTER_CLUSTER_MEMBERS"),
  CLUSTER_FAILURE_SECONDS("4",
      "Seconds without a heartbeat before a peer counts as gone (Hazelcast's own default is 60)"),
  LEASE_MS("2000",
      "How long a node owns a domain without renewing (it renews every third of this, and a clustered node that "
          + "could not renew stops writing at nine tenths of it); a dead owner's domains are taken over the moment "
          + "its lease runs out. Ownership is fenced: each new lease moves the journal's epoch on"),
  SHUTDOWN_TIMEOUT_MS("10000",
      "On SIGTERM, the most time to finish journaling, hand domains over and close connections before exiting"),
  START_TIMEOUT_SECONDS("300",
      "The most time a start may take (joining the cluster, connecting to and replaying the journal, listening) "
          + "before the engine logs that it gave up and exits with code 1, so that its supervisor restarts it "
          + "instead of it hanging half-started; 0 waits for ever"),
  BODY_LIMIT_BYTES("65536",
      "Largest request body accepted; larger ones get 413"),
  REQUEST_TIMEOUT_MS("5000",
      "How long a request waits for its domain's writer before answering 503"),
  HTTP_INSTANCES("0",
      "HTTP verticles sharing the port; 0 means one per core (at most 8)"),
  RATE_LIMIT_PER_SECOND("200",
      "Requests a second one API key or sign-in may make on average (0 turns limiting off); beyond it 429 with Retry-After"),
  RATE_LIMIT_BURST("400",
      "Requests one credential may make in a burst before the per-second rate applies"),
  ADDRESS_RATE_LIMIT_PER_SECOND("10",
      "Requests a second one client address may make to routes without credentials (sign-in, health), burst twice that"),
  ALLOWED_ORIGINS("",
      "Comma-separated origins (https://console.example.com) allowed to open WebSockets from a browser; empty means only the engine's own origin"),
  TLS_CERT("",
      "PEM certificate chain file; with ROUTER_TLS_KEY it turns on TLS for HTTP and WebSockets"),
  TLS_KEY("", "PEM private key file for ROUTER_TLS_CERT"),
  IDLE_TIMEOUT_SECONDS("120",
      "Seconds a connection may stay silent before the server closes it; sockets and event streams are kept "
          + "alive by ROUTER_PING_SECONDS, which must be shorter"),
  PING_SECONDS("30",
      "How often the engine pings agent sockets and WebSocket event streams and sends a comment line on "
          + "server-sent event streams, so quiet connections stay open through the idle timeout and proxies"),
  RECONCILE_SECONDS("30",
      "How often each domain's writer looks for stuck work (timers that never fired, assignments nobody finished); 0 turns it off"),
  RECONCILE_GRACE_SECONDS("10",
      "How late a timer may be before the reconciler delivers its command itself"),
  STALE_ASSIGNMENT_HOURS("12",
      "A call, chat, branch ticket or callback assigned longer than this is closed as reconciled (complaint work, emails and SMS never are); 0 never"),
  RETAIN_ENDED_CONTACTS("100000",
      "Completed or abandoned contacts each domain keeps in memory for reads (at least 1000); older ones are dropped, "
          + "oldest first: reading one answers 404, while its history, the customer's contacts, reports and the audit "
          + "trail read the journal"),
  RETAIN_CLOSED_CASES("10000",
      "Closed complaint cases each domain keeps in memory for reads; older ones are dropped, earliest closed first: "
          + "GET /v1/complaints/{id} answers 404 for them, the complaints report and the audit trail still have them. "
          + "Open cases are always kept"),
  IDEMPOTENCY_KEYS("100000",
      "Idempotency-Keys of state-changing calls other than contact creation that each domain's writer remembers "
          + "(at least 1000); past it the oldest are forgotten"),
  IDEMPOTENCY_TTL_SECONDS("86400",
      "How long each domain's writer remembers such an Idempotency-Key, in seconds (60 to 30 days); "
          + "contact creation's keys are journaled with the contact and last as long as it is held"),
  WEBHOOK_TIMEOUT_MS("10000",
      "How long one webhook delivery attempt (connect, send, answer) may take before it counts as failed"),
  WEBHOOK_RETRY_FIRST_MS("1000",
      "Wait before a failed webhook delivery is tried again; each further retry waits twice as long (with jitter), "
          + "up to ROUTER_WEBHOOK_RETRY_MAX_MS"),
  WEBHOOK_RETRY_MAX_MS("300000", "Longest wait between two attempts of one webhook delivery"),
  WEBHOOK_MAX_ATTEMPTS("15",
      "Attempts after which a webhook delivery is given up and shown as failed (the contact's next event then goes)"),
  WEBHOOK_MAX_AGE_SECONDS("3600",
      "Time from a webhook delivery's first attempt after which it is given up and shown as failed"),
  WEBHOOK_PENDING_MAX("10000",
      "Deliveries one webhook may have waiting before the deliverer stops taking its events from the live stream and "
          + "reads them from the journal once the receiver catches up (nothing journaled is dropped)"),
  LOG_LEVEL("INFO",
      "TRACE, DEBUG, INFO, WARN or ERROR; environment or system property only (logging starts before the file is read)"),
  LOG_FORMAT("text",
      "text for people, json for one JSON object a line (time, level, logger, message, ids); environment or system property only"),
  DEMO("false",
      "Run the built-in securities contact-centre simulation (same as --demo)"),
  DEMO_RATE("0.3",
      "Simulated contacts per second in the demo, across all its queues"),
  AUDIT_SIGNING_KEY("",
      "File with the Ed25519 key that signs audit bundles (GET /v1/audit/bundle): PEM holding its PRIVATE KEY "
          + "(PKCS#8) and PUBLIC KEY blocks. Empty: a key made once and kept in PostgreSQL, the same on every node; "
          + "in the embedded default, a key for this run only"),
  JOURNAL_RETENTION_DAYS("0",
      "Days each domain's journal events stay live in PostgreSQL; older months are archived to ROUTER_ARCHIVE_DIR "
          + "and their partitions dropped (never events at or after the domain's newest snapshot). 0 keeps everything"),
  JOURNAL_RETENTION_BY_DOMAIN("",
      "Comma-separated domain=days overriding ROUTER_JOURNAL_RETENTION_DAYS for those domains (0 keeps that domain whole); "
          + "a month shared by several domains is archived only when every one of them may drop it"),
  ARCHIVE_DIR("",
      "Directory the journal's archived months are written to (<domain>/journal_events_YYYY_MM.ndjson.gz); "
          + "needed when a retention is set"),
  ARCHIVE_EVERY_SECONDS("3600",
      "How often the node owning ROUTER_DOMAIN archives the journal's months past retention; every node also creates "
          + "the coming month partitions this often (hourly when 0). 0 leaves archiving to the archive-journal command");

  private final String defaultValue;
  private final String description;

  Setting(String defaultValue, String description) {
    this.defaultValue = defaultValue;
    this.description = description;
  }

  /** The key in the config file: the constant's name in camel case ({@code HTTP_PORT} is {@code httpPort}). */
  public String key() {
    StringBuilder key = new StringBuilder();
    for (String word : name().toLowerCase(Locale.ROOT).split("_")) {
      key.append(key.length() == 0 ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
    }
    return key.toString();
  }

  /** The environment variable (and system property): {@code ROUTER_} and the constant's name. */
  public String env() {
    return "ROUTER_" + name();
  }

  public String defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }
}

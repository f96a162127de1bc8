package dev.contactrouter.store;

import dev.contactrouter.core.Event;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The durable journal: PostgreSQL through the reactive vertx-pg-client. All of its SQL is here.
 *
 * <p>An append is one statement, so one round trip and one transaction for the whole batch
 * however many events it holds: a data-modifying CTE updates the domain's head row only if it is
 * still exactly the head the writer continues (epoch, last sequence number and hash), and inserts
 * the batch from arrays with {@code unnest}, joined to that update, so a stale head inserts
 * nothing. The epoch is where cluster ownership will fence a writer that lost its lease: the new
 * owner moves the epoch on, and the old one's next append matches no row. The same statement keeps
 * the batch's new customer data keys and destroys those an erasure names (with the domain's
 * snapshots, replaced by the erased state the writer hands in), so no event is durable without its
 * key, no erasure is half done, and the domain always has a snapshot to recover from.
 */
public final class PgJournal implements Journal {
  /** Snapshots kept per domain; older ones are deleted when a new one is stored. */
  static final int SNAPSHOTS_KEPT = 2;

  private static final String APPEND = """
      WITH head AS (
        UPDATE journal_domains SET last_seq = $5, last_hash = $6
         WHERE domain = $1 AND epoch = $2 AND last_seq = $3 AND last_hash = $4
        RETURNING domain),
      kept AS (
        INSERT INTO customer_keys (domain, key_id, customer_id, secret)
        SELECT head.domain, k.key_id, k.customer_id, k.secret
          FROM head CROSS JOIN unnest($17::text[], $18::text[], $19::bytea[]) AS k(key_id, customer_id, secret)
         WHERE NOT (k.key_id = ANY($20::text[]))
        ON CONFLICT (domain, key_id) DO NOTHING),
      shredded AS (
        DELETE FROM customer_keys c USING head WHERE c.domain = head.domain AND c.key_id = ANY($20::text[])),
      unsnapped AS (
        DELETE FROM journal_snapshots s USING head WHERE s.domain = head.domain AND cardinality($20::text[]) > 0),
      snapped AS (
        INSERT INTO journal_snapshots (domain, seq, format, chain_hash, state_hash, state)
        SELECT head.domain, $5, $21, $6, $22, $23 FROM head WHERE $23::text IS NOT NULL),
      snapped_parts AS (
        INSERT INTO journal_snapshot_parts (domain, seq, part, text)
        SELECT head.domain, $5, p.part, p.text
          FROM head CROSS JOIN unnest($24::text[]) WITH ORDINALITY AS p(text, part)
         WHERE $23::text IS NOT NULL)
      INSERT INTO journal_events
        (domain, seq, at, actor, type, contact_id, agent_id, customer_id, payload, prev_hash, hash)
      SELECT head.domain, e.seq, e.at, e.actor, e.type, e.contact_id, e.agent_id, e.customer_id,
             e.payload, e.prev_hash, e.hash
        FROM head CROSS JOIN unnest($7::bigint[], $8::timestamptz[], $9::text[], $10::text[], $11::text[],
                                    $12::text[], $13::text[], $14::text[], $15::bytea[], $16::bytea[])
             AS e(seq, at, actor, type, contact_id, agent_id, customer_id, payload, prev_hash, hash)""";

  static final String COLUMNS =
      "domain, seq, at, actor, type, contact_id, agent_id, customer_id, payload, prev_hash, hash";

  private static final String OPEN =
      "INSERT INTO journal_domains (domain, last_hash) VALUES ($1, $2) ON CONFLICT (domain) DO NOTHING";
  private static final String HEAD = "SELECT epoch, last_seq, last_hash FROM journal_domains WHERE domain = $1";
  private static final String PAGE =
      "SELECT " + COLUMNS + " FROM journal_events WHERE domain = $1 AND seq > $2 ORDER BY seq LIMIT $3";
  private static final String CONTACT_EVENTS =
      "SELECT " + COLUMNS + " FROM journal_events WHERE domain = $1 AND contact_id = ANY($2) ORDER BY seq LIMIT $3";
  /** By the customer's id (events stored in clear) or by the ids of its data keys (sealed ones). */
  private static final String CUSTOMER_CONTACTS = "SELECT contact_id FROM journal_events WHERE domain = $1"
      + " AND customer_id = ANY(array_append(ARRAY(SELECT key_id FROM customer_keys WHERE domain = $1"
      + " AND customer_id = $2), $2::text)) ORDER BY seq DESC LIMIT $3";
  private static final String RANGE = "SELECT " + COLUMNS + " FROM journal_events"
      + " WHERE domain = $1 AND (at, seq) > ($2, $3) AND at < $4 ORDER BY at, seq LIMIT $5";
  private static final String SECRETS =
      "SELECT key_id, secret FROM customer_keys WHERE domain = $1 AND key_id = ANY($2)";
  private static final String ARRIVALS_BY = "SELECT contact_id, customer_id FROM journal_events WHERE domain = $1"
      + " AND customer_id = ANY($2) AND type = 'contact_queued' ORDER BY seq";
  private static final String KEYS_OF = "SELECT key_id FROM customer_keys WHERE domain = $1 AND customer_id = $2";
  private static final String DOMAINS = "SELECT domain FROM journal_domains ORDER BY domain";
  private static final String ARCHIVED = "SELECT last_seq, last_hash, partition FROM journal_archives WHERE domain = $1"
      + " ORDER BY last_seq DESC LIMIT 1";
  private static final String SAVE_SNAPSHOT = "INSERT INTO journal_snapshots"
      + " (domain, seq, format, chain_hash, state_hash, state) VALUES ($1, $2, $3, $4, $5, $6)"
      + " ON CONFLICT (domain, seq) DO NOTHING";
  private static final String SAVE_SNAPSHOT_PART = "INSERT INTO journal_snapshot_parts (domain, seq, part, text)"
      + " VALUES ($1, $2, $3, $4) ON CONFLICT (domain, seq, part) DO NOTHING";
  /** Parts of a snapshot sent in one batch: a few megabytes. */
  private static final int PARTS_PER_BATCH = 16;
  private static final String PRUNE_SNAPSHOTS = "DELETE FROM journal_snapshots WHERE domain = $1 AND seq NOT IN"
      + " (SELECT seq FROM journal_snapshots WHERE domain = $1 ORDER BY seq DESC LIMIT " + SNAPSHOTS_KEPT + ")";
  /**
   * The newest snapshot's text in order, its first part (from {@code journal_snapshots.state}) and
   * the rest, each row with the snapshot's columns: one statement, so one view of both tables.
   */
  private static final String LATEST_SNAPSHOT = """
      WITH s AS (
        SELECT seq, format, chain_hash, state_hash, state FROM journal_snapshots
         WHERE domain = $1 ORDER BY seq DESC LIMIT 1)
      SELECT s.seq, s.format, s.chain_hash, s.state_hash, 0 AS part, s.state AS text FROM s
      UNION ALL
      SELECT s.seq, s.format, s.chain_hash, s.state_hash, p.part, p.text
        FROM s JOIN journal_snapshot_parts p ON p.domain = $1 AND p.seq = s.seq
      ORDER BY part""";

  private static final String ACQUIRE = """
      UPDATE journal_domains
         SET owner = $2, epoch = epoch + 1, lease_until = now() + $3::bigint * interval '1 millisecond'
       WHERE domain = $1 AND (owner IS NULL OR lease_until IS NULL OR lease_until < now())
      RETURNING epoch, last_seq, last_hash""";
  private static final String RENEW = "UPDATE journal_domains SET lease_until = now() + $4::bigint * interval '1 millisecond'"
      + " WHERE domain = $1 AND owner = $2 AND epoch = $3";
  private static final String RELEASE = "UPDATE journal_domains SET owner = NULL, lease_until = NULL"
      + " WHERE domain = $1 AND owner = $2 AND epoch = $3";
  private static final String LEASES = "SELECT domain, owner, epoch,"
      + " (extract(epoch FROM lease_until) * 1000)::bigint AS until,"
      + " (extract(epoch FROM now()) * 1000)::bigint AS now FROM journal_domains ORDER BY domain";

  private final Pool pool;
  /** What this process appended, for the report follower on the same pool ({@link #reportAggregates}). */
  private final RecentAppends recent;

  @Override
  public Future<Void> check() {
    return pool.query("SELECT 1").execute().mapEmpty();
  }

  private PgJournal(Pool pool, RecentAppends recent) {
    this.pool = pool;
    this.recent = recent;
  }

  /**
   * Connects to PostgreSQL and brings the schema up to date. Fails if the database cannot be
   * reached or migrated, so a start against an unreachable database fails instead of limping on.
   *
   * @param timeoutMillis how long to wait for a connection (TCP connect and a free pooled one)
   */
  public static Future<PgJournal> connect(Vertx vertx, String url, int poolSize, long timeoutMillis) {
    PgJournal journal;
    try {
      journal = new PgJournal(pool(vertx, url, poolSize, timeoutMillis), new RecentAppends(RecentAppends.PER_DOMAIN));
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    return SchemaMigrations.migrate(vertx, journal.pool)
        .map(version -> journal)
        .recover(err -> journal.close().transform(v -> Future.failedFuture(err)));
  }

  /**
   * Report aggregates in this journal's database, on its pool; they fold what this journal just
   * appended without reading it back ({@link RecentAppends}).
   */
  public PgReportAggregates reportAggregates() {
    return new PgReportAggregates(pool, false, recent);
  }

  /** Webhook positions in this journal's database, on its pool. */
  public WebhookPositions webhookPositions() {
    return new PgWebhookPositions(pool);
  }

  /** The audit signing key in this journal's database, on its pool. */
  public PgSigningKeys signingKeys() {
    return new PgSigningKeys(pool);
  }

  /** Partition upkeep and archiving of this journal (V5's monthly partitions), on its pool. */
  public PgArchive archive(Vertx vertx) {
    return new PgArchive(vertx, pool);
  }

  /** Connects without touching the schema: for read-only work such as verification. */
  public static PgJournal reader(Vertx vertx, String url, long timeoutMillis) {
    return new PgJournal(pool(vertx, url, 2, timeoutMillis), RecentAppends.NONE);
  }

  /** Where a URL points, for logs: host, port, database and user, never the password. */
  public static String describe(String url) {
    try {
      PgConnectOptions o = PgConnectOptions.fromUri(url);
      return o.getUser() + "@" + o.getHost() + ":" + o.getPort() + "/" + o.getDatabase();
    } catch (IllegalArgumentException e) {
      return "(unreadable URL)";
    }
  }

  static Pool pool(Vertx vertx, String url, int poolSize, long timeoutMillis) {
    PgConnectOptions connect = PgConnectOptions.fromUri(url);
    Map<String, String> properties = new HashMap<>(connect.getProperties());
    properties.put("application_name", "contact-router");
    // Planned for the values at hand every time: a cached generic plan reads every row of the
    // domain where the values would pick a few by index (customer_keys for an append's key_id =
    // ANY($20); report_contacts took 795 ms a lookup instead of 15 ms in a durable intake run).
    properties.put("plan_cache_mode", "force_custom_plan");
    connect.setProperties(properties);
    connect.setReconnectAttempts(0);
    // Each connection keeps its prepared statements, parsed once: without the cache every append
    // was parsed again and took a second round trip (PostgreSQL's log at 64 connections of
    // intake: parse 0.40 ms, bind 0.63 ms, execute 1.43 ms per append).
    connect.setCachePreparedStatements(true);
    NetClientOptions net = new NetClientOptions()
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMillis))
        .setTcpKeepAlive(true);
    PoolOptions options = new PoolOptions()
        .setMaxSize(poolSize)
        .setConnectionTimeout((int) Math.max(1, timeoutMillis))
        .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS)
        // Connections left by an outage are dropped rather than kept half-dead.
        .setIdleTimeout(60)
        .setIdleTimeoutUnit(TimeUnit.SECONDS);
    return PgBuilder.pool().with(options).with(net).connectingTo(connect).using(vertx).build();
  }

  @Override
  public Future<JournalHead> open(String domain) {
    return pool.preparedQuery(OPEN)
        .execute(Tuple.of(domain, Buffer.buffer(HashChain.bytes(HashChain.GENESIS))))
        .compose(v -> head(domain));
  }

  @Override
  public Future<JournalHead> append(JournalHead head, List<JournalEntry> batch, StoredSnapshot.Unplaced snapshot) {
    List<StoredEvent> chained;
    try {
      chained = head.chain(batch);
    } catch (JournalConflict e) {
      return Future.failedFuture(e);
    }
    if (chained.isEmpty()) {
      return Future.succeededFuture(head);
    }
    int n = chained.size();
    Long[] seqs = new Long[n];
    OffsetDateTime[] ats = new OffsetDateTime[n];
    String[] actors = new String[n];
    String[] types = new String[n];
    String[] contacts = new String[n];
    String[] agents = new String[n];
    String[] customers = new String[n];
    String[] payloads = new String[n];
    Buffer[] prevHashes = new Buffer[n];
    Buffer[] hashes = new Buffer[n];
    for (int i = 0; i < n; i++) {
      StoredEvent e = chained.get(i);
      seqs[i] = e.seq();
      ats[i] = time(e.at());
      actors[i] = e.actor();
      types[i] = e.type();
      contacts[i] = e.contactId();
      agents[i] = e.agentId();
      customers[i] = e.customerId();
      payloads[i] = e.payload();
      prevHashes[i] = hash(e.prevHash());
      hashes[i] = hash(e.hash());
    }
    Map<String, CustomerKey> keys = new LinkedHashMap<>();
    List<String> erased = new ArrayList<>();
    for (JournalEntry e : batch) {
      if (e.key() != null) {
        keys.putIfAbsent(e.key().id(), e.key());
      }
      if (e.recorded().event() instanceof Event.PersonalDataErased pe) {
        erased.addAll(pe.keyIds());
      }
    }
    String[] keyIds = new String[keys.size()];
    String[] keyCustomers = new String[keys.size()];
    Buffer[] secrets = new Buffer[keys.size()];
    int k = 0;
    for (CustomerKey key : keys.values()) {
      keyIds[k] = key.id();
      keyCustomers[k] = key.customerId();
      secrets[k++] = Buffer.buffer(key.secret());
    }
    StoredEvent last = chained.get(n - 1);
    Tuple params = Tuple.tuple()
        .addString(head.domain()).addLong(head.epoch()).addLong(head.seq()).addBuffer(hash(head.hash()))
        .addLong(last.seq()).addBuffer(hash(last.hash()))
        .addArrayOfLong(seqs).addArrayOfOffsetDateTime(ats).addArrayOfString(actors).addArrayOfString(types)
        .addArrayOfString(contacts).addArrayOfString(agents).addArrayOfString(customers)
        .addArrayOfString(payloads).addArrayOfBuffer(prevHashes).addArrayOfBuffer(hashes)
        .addArrayOfString(keyIds).addArrayOfString(keyCustomers).addArrayOfBuffer(secrets)
        .addArrayOfString(erased.toArray(new String[0]));
    // Beside the batch, the state after its last event (an erasure's): placed at that event.
    StoredSnapshot after = snapshot == null ? null : snapshot.at(head.domain(), last.seq(), last.hash());
    params.addInteger(after == null ? null : after.format())
        .addBuffer(after == null ? null : hash(after.stateHash()))
        .addString(after == null ? null : after.parts().get(0))
        .addArrayOfString(after == null ? new String[0] : rest(after.parts()));
    return pool.preparedQuery(APPEND).execute(params).compose(rows -> {
      if (rows.rowCount() == n) {
        recent.appended(head.domain(), batch);
        return Future.succeededFuture(head.after(last));
      }
      // The head row did not match: say where the journal really stands.
      return head(head.domain()).compose(stored -> Future.failedFuture(new JournalConflict(
          "journal of " + head.domain() + " is at " + stored + ", not " + head)));
    });
  }

  @Override
  public Future<JournalHead> head(String domain) {
    return pool.preparedQuery(HEAD).execute(Tuple.of(domain)).map(rows -> first(rows, JournalHead.genesis(domain),
        r -> new JournalHead(domain, r.getLong("epoch"), r.getLong("last_seq"), hex(r.getBuffer("last_hash")))));
  }

  @Override
  public Future<List<JournalEntry>> read(String domain, long afterSeq, int limit) {
    return stored(domain, afterSeq, limit).compose(events -> keysFor(domain, events).map(keys -> {
      List<JournalEntry> out = new ArrayList<>(events.size());
      events.forEach(e -> out.add(new JournalEntry(domain, e.seq(), e.recorded(keys))));
      return out;
    }));
  }

  @Override
  public Future<Map<String, byte[]>> secrets(String domain, Collection<String> keyIds) {
    return pool.preparedQuery(SECRETS)
        .execute(Tuple.tuple().addString(domain).addArrayOfString(keyIds.toArray(new String[0])))
        .map(rows -> {
          Map<String, byte[]> out = new HashMap<>();
          rows.forEach(r -> out.put(r.getString(0), r.getBuffer(1).getBytes()));
          return out;
        });
  }

  @Override
  public Future<List<String>> keysOf(String domain, String customerId) {
    return pool.preparedQuery(KEYS_OF).execute(Tuple.of(domain, customerId)).map(rows -> {
      List<String> ids = new ArrayList<>(rows.size());
      rows.forEach(r -> ids.add(r.getString(0)));
      return ids;
    });
  }

  @Override
  public Future<Map<String, String>> arrivalsBy(String domain, Collection<String> values) {
    return pool.preparedQuery(ARRIVALS_BY)
        .execute(Tuple.tuple().addString(domain).addArrayOfString(new LinkedHashSet<>(values).toArray(new String[0])))
        .map(rows -> {
          Map<String, String> out = new LinkedHashMap<>();
          rows.forEach(r -> out.putIfAbsent(r.getString(0), r.getString(1)));
          return out;
        });
  }

  @Override
  public Future<List<StoredEvent>> stored(String domain, long afterSeq, int limit) {
    return page(pool, domain, afterSeq, limit);
  }

  /** A page of stored events after {@code afterSeq}, through any client (a pool, or a connection in a transaction). */
  static Future<List<StoredEvent>> page(SqlClient client, String domain, long afterSeq, int limit) {
    return client.preparedQuery(PAGE).execute(Tuple.of(domain, afterSeq, limit)).map(PgJournal::events);
  }

  @Override
  public Future<List<StoredEvent>> contactEvents(String domain, Collection<String> contactIds, int limit) {
    String[] ids = new LinkedHashSet<>(contactIds).toArray(new String[0]);
    return pool.preparedQuery(CONTACT_EVENTS)
        .execute(Tuple.tuple().addString(domain).addArrayOfString(ids).addInteger(limit))
        .map(PgJournal::events);
  }

  @Override
  public Future<List<String>> customerContacts(String domain, String customerId, int limit) {
    return pool.preparedQuery(CUSTOMER_CONTACTS).execute(Tuple.of(domain, customerId, limit)).map(rows -> {
      List<String> ids = new ArrayList<>(rows.size());
      rows.forEach(r -> ids.add(r.getString(0)));
      return ids;
    });
  }

  @Override
  public Future<List<StoredEvent>> range(String domain, long afterAt, long afterSeq, long toMillis, int limit) {
    return pool.preparedQuery(RANGE)
        .execute(Tuple.of(domain, time(afterAt), afterSeq, time(toMillis), limit))
        .map(PgJournal::events);
  }

  @Override
  public Future<ArchivedPart> archived(String domain) {
    return pool.preparedQuery(ARCHIVED).execute(Tuple.of(domain)).map(rows -> first(rows, ArchivedPart.none(domain),
        r -> new ArchivedPart(domain, r.getLong("last_seq"), hex(r.getBuffer("last_hash")),
            PgArchive.end(r.getString("partition")).toEpochMilli())))
        .recover(err -> PgArchive.beforePartitions(err) ? Future.succeededFuture(ArchivedPart.none(domain)) : Future.failedFuture(err));
  }

  @Override
  public Future<List<String>> domains() {
    return pool.query(DOMAINS).execute().map(rows -> {
      List<String> out = new ArrayList<>(rows.size());
      rows.forEach(r -> out.add(r.getString(0)));
      return out;
    });
  }

  @Override
  public Future<Void> saveSnapshot(StoredSnapshot s) {
    List<String> parts = s.parts();
    return pool.withTransaction(conn -> conn.preparedQuery(SAVE_SNAPSHOT)
            .execute(Tuple.of(s.domain(), s.seq(), s.format(), hash(s.chainHash()), hash(s.stateHash()), parts.get(0)))
            .compose(v -> saveParts(conn, s, 1))
            .compose(v -> conn.preparedQuery(PRUNE_SNAPSHOTS).execute(Tuple.of(s.domain()))))
        .mapEmpty();
  }

  /** The snapshot's parts from {@code from} on, {@value #PARTS_PER_BATCH} per batch, one batch after another. */
  private static Future<Void> saveParts(SqlConnection conn, StoredSnapshot s, int from) {
    List<String> parts = s.parts();
    if (from >= parts.size()) {
      return Future.succeededFuture();
    }
    int to = Math.min(parts.size(), from + PARTS_PER_BATCH);
    List<Tuple> batch = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      batch.add(Tuple.of(s.domain(), s.seq(), i, parts.get(i)));
    }
    return conn.preparedQuery(SAVE_SNAPSHOT_PART).executeBatch(batch).compose(v -> saveParts(conn, s, to));
  }

  private static String[] rest(List<String> parts) {
    return parts.subList(1, parts.size()).toArray(new String[0]);
  }

  @Override
  public Future<Optional<StoredSnapshot>> latestSnapshot(String domain) {
    return pool.preparedQuery(LATEST_SNAPSHOT).execute(Tuple.of(domain)).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      // A part missing or extra leaves a text whose digest does not match: intact() says so.
      List<String> parts = new ArrayList<>(rows.size());
      rows.forEach(p -> parts.add(p.getString("text")));
      Row r = rows.iterator().next();
      return Optional.of(new StoredSnapshot(domain, r.getLong("seq"), r.getInteger("format"),
          hex(r.getBuffer("chain_hash")), hex(r.getBuffer("state_hash")), parts));
    });
  }

  @Override
  public Future<Optional<JournalHead>> acquire(String domain, String holder, long leaseMillis) {
    return pool.preparedQuery(ACQUIRE).execute(Tuple.of(domain, holder, leaseMillis)).map(rows -> {
      if (rows.rowCount() == 0) {
        return Optional.<JournalHead>empty();
      }
      Row r = rows.iterator().next();
      return Optional.of(new JournalHead(domain, r.getLong("epoch"), r.getLong("last_seq"), hex(r.getBuffer("last_hash"))));
    });
  }

  @Override
  public Future<Boolean> renew(String domain, String holder, long epoch, long leaseMillis) {
    return pool.preparedQuery(RENEW).execute(Tuple.of(domain, holder, epoch, leaseMillis)).map(rows -> rows.rowCount() == 1);
  }

  @Override
  public Future<Void> release(String domain, String holder, long epoch) {
    return pool.preparedQuery(RELEASE).execute(Tuple.of(domain, holder, epoch)).mapEmpty();
  }

  @Override
  public Future<List<DomainLease>> leases() {
    return pool.query(LEASES).execute().map(rows -> {
      List<DomainLease> out = new ArrayList<>();
      for (Row r : rows) {
        out.add(new DomainLease(r.getString("domain"), r.getString("owner"), r.getLong("epoch"), r.getLong("until"),
            r.getLong("now")));
      }
      return out;
    });
  }

  @Override
  public boolean durable() {
    return true;
  }

  @Override
  public Future<Void> close() {
    return pool.close();
  }

  /** The first row a query found, read by {@code read}, or {@code none} when it found none. */
  private static <T> T first(RowSet<Row> rows, T none, java.util.function.Function<Row, T> read) {
    return rows.size() == 0 ? none : read.apply(rows.iterator().next());
  }

  static List<StoredEvent> events(RowSet<Row> rows) {
    List<StoredEvent> out = new ArrayList<>(rows.size());
    for (Row r : rows) {
      out.add(new StoredEvent(
          r.getString(0), r.getLong(1), r.getOffsetDateTime(2).toInstant().toEpochMilli(), r.getString(3),
          r.getString(4), r.getString(5), r.getString(6), r.getString(7), r.getString(8),
          hex(r.getBuffer(9)), hex(r.getBuffer(10))));
    }
    return out;
  }

  /**
   * Epoch milliseconds as a UTC {@code timestamptz} parameter. Not {@code OffsetDateTime.ofInstant}:
   * on JDK 17 it asks {@code ZoneOffset.UTC} for its rules, which builds a new {@code ZoneRules}
   * (a {@code ConcurrentHashMap} inside) every call, 248 bytes a call against 96 here, once for
   * every event appended.
   */
  static OffsetDateTime time(long millis) {
    return OffsetDateTime.of(LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000),
        (int) Math.floorMod(millis, 1000) * 1_000_000, ZoneOffset.UTC), ZoneOffset.UTC);
  }

  static Buffer hash(String hex) {
    return Buffer.buffer(HashChain.bytes(hex));
  }

  static String hex(Buffer b) {
    return HashChain.hex(b.getBytes());
  }
}

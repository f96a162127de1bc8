package dev.contactrouter.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal's monthly partitions (migration V5) and their archiving; all of its SQL is here.
 *
 * <p>Partitions are shared by every domain, so a month is archived only when every domain with
 * events in it may drop them: the month ended at least that domain's retention ago ({@link
 * ArchivePolicy}; 0 days keeps it for ever), all its events there come strictly before the seq of
 * its newest snapshot (so recovery, which starts at that snapshot and checks the event it names,
 * never needs an archive) and at or before what every webhook of the domain has been given, and
 * they continue its archived part without a gap. Months are archived oldest first; the first month
 * that may not be archived stops the run, so the live journal is always one unbroken tail.
 *
 * <p>Archiving a month writes one {@link ArchiveFile} per domain into the archive directory
 * (written beside, synced, renamed into place, then read back and checked against the chain), then
 * in one transaction records each file with its SHA-256 and chain anchor in {@code
 * journal_archives}, detaches the partition, checks it holds exactly the events written, and
 * drops it. A failure anywhere leaves the partition live (a file may remain; the next run rewrites it).
 * File I/O runs on worker threads, never on the event loop.
 */
public final class PgArchive {
  private static final Logger LOG = LoggerFactory.getLogger(PgArchive.class);
  private static final Pattern PARTITION = Pattern.compile("journal_events_(\\d{4})_(\\d{2})");
  private static final Pattern DOMAIN = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
  /** Advisory lock key held while partitions are created or a month is detached: "journarc". */
  private static final long LOCK = 0x6a6f75726e617263L;
  static final int PAGE = 1000;

  private static final String ENSURE =
      "SELECT journal_partition(now() + make_interval(months => m)) FROM generate_series(0, $1) AS m";
  private static final String PARTITIONS = "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
      + " WHERE i.inhparent = 'journal_events'::regclass ORDER BY c.relname";
  private static final String STATS = """
      SELECT e.domain, min(e.seq) AS first_seq, max(e.seq) AS last_seq, count(*) AS events,
             (SELECT max(s.seq) FROM journal_snapshots s WHERE s.domain = e.domain) AS snapshot_seq,
             (SELECT min(w.seq) FROM webhook_positions w WHERE w.domain = e.domain) AS delivered_seq,
             (SELECT max(a.last_seq) FROM journal_archives a WHERE a.domain = e.domain) AS archived_seq
        FROM journal_events e WHERE e.at >= $1 AND e.at < $2 GROUP BY e.domain ORDER BY e.domain""";
  private static final String EVENTS = "SELECT " + PgJournal.COLUMNS + " FROM journal_events"
      + " WHERE domain = $1 AND at >= $2 AND at < $3 AND seq > $4 ORDER BY seq LIMIT $5";
  private static final String RECORD = "INSERT INTO journal_archives"
      + " (domain, partition, first_seq, last_seq, prev_hash, last_hash, file, file_sha256)"
      + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
  private static final String ARCHIVES = "SELECT domain, partition, first_seq, last_seq, prev_hash, last_hash, file,"
      + " file_sha256 FROM journal_archives WHERE domain = $1 ORDER BY first_seq";

  /** A month partition: events with {@code from <= at < to}. */
  public record Partition(String name, Instant from, Instant to) {}

  /**
   * One archived file, as recorded in {@code journal_archives}.
   *
   * @param prevHash the hash before {@code firstSeq}
   * @param lastHash the hash of {@code lastSeq}
   * @param file the file's name relative to the archive directory
   */
  public record Archived(String domain, String partition, long firstSeq, long lastSeq, String prevHash,
      String lastHash, String file, String sha256) {}

  /**
   * What a run did.
   *
   * @param archived the partitions archived and dropped, oldest first
   * @param stopped why the oldest remaining partition stays live
   */
  public record Outcome(List<String> archived, String stopped) {}

  /** One domain's events in a partition, and what bounds archiving them. */
  private record Share(String domain, long firstSeq, long lastSeq, long events, Long snapshotSeq, Long deliveredSeq,
      Long archivedSeq) {}

  private final Vertx vertx;
  private final Pool pool;

  PgArchive(Vertx vertx, Pool pool) {
    this.vertx = vertx;
    this.pool = pool;
  }

  /**
   * Creates this month's partition and the next {@code monthsAhead} months' if missing; under the
   * same advisory lock as archiving, so nodes doing it together (or beside an archiving run) queue.
   */
  public Future<Void> ensurePartitions(int monthsAhead) {
    return pool.withTransaction(conn -> conn.query("SELECT pg_advisory_xact_lock(" + LOCK + ")").execute()
        .compose(v -> conn.preparedQuery(ENSURE).execute(Tuple.of(monthsAhead))))
        .mapEmpty();
  }

  /** The month partitions, oldest first (the default partition is not one of them). */
  public Future<List<Partition>> partitions() {
    return pool.query(PARTITIONS).execute().map(rows -> {
      List<Partition> out = new ArrayList<>();
      for (Row r : rows) {
        String name = r.getString(0);
        if (PARTITION.matcher(name).matches()) {
          Instant end = end(name);
          out.add(new Partition(name, end.atZone(ZoneOffset.UTC).minusMonths(1).toInstant(), end));
        }
      }
      return out;
    });
  }

  /** The end of a month partition's range, from its name ({@code journal_events_2024_01}: 2024-02-01T00:00Z). */
  static Instant end(String partition) {
    Matcher m = PARTITION.matcher(partition);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a month partition: " + partition);
    }
    return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), 1).plusMonths(1)
        .atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /**
   * Whether a query failed because the schema predates V5 (no {@code journal_archives}): a
   * read-only {@code verify-journal} may meet a database the engine has not migrated yet, which
   * has nothing archived.
   */
  static boolean beforePartitions(Throwable err) {
    return err instanceof io.vertx.pgclient.PgException pg && "42P01".equals(pg.getSqlState());
  }

  /** The domain's archived files, oldest first. */
  public Future<List<Archived>> archives(String domain) {
    return pool.preparedQuery(ARCHIVES).execute(Tuple.of(domain)).map(rows -> {
      List<Archived> out = new ArrayList<>();
      for (Row r : rows) {
        out.add(new Archived(r.getString("domain"), r.getString("partition"), r.getLong("first_seq"),
            r.getLong("last_seq"), PgJournal.hex(r.getBuffer("prev_hash")), PgJournal.hex(r.getBuffer("last_hash")),
            r.getString("file"), r.getString("file_sha256")));
      }
      return out;
    }).recover(err -> beforePartitions(err) ? Future.succeededFuture(List.of()) : Future.failedFuture(err));
  }

  /** Archives every month that is due under {@code policy} as of {@code now}, oldest first, into {@code dir}. */
  public Future<Outcome> archiveDue(Path dir, ArchivePolicy policy, Instant now) {
    if (!policy.active()) {
      return Future.succeededFuture(new Outcome(List.of(), "no domain has a retention: the journal is kept whole"));
    }
    return partitions().compose(parts -> next(parts, 0, dir, policy, now, new ArrayList<>()));
  }

  private Future<Outcome> next(List<Partition> parts, int i, Path dir, ArchivePolicy policy, Instant now,
      List<String> done) {
    if (i >= parts.size()) {
      return Future.succeededFuture(new Outcome(done, "no month partition is left"));
    }
    Partition p = parts.get(i);
    if (p.to().isAfter(now)) {
      return Future.succeededFuture(new Outcome(done, p.name() + " has not ended"));
    }
    return shares(p).compose(shares -> {
      String refusal = refusal(p, shares, policy, now);
      if (refusal != null) {
        return Future.succeededFuture(new Outcome(done, refusal));
      }
      return write(p, shares, dir)
          .compose(files -> drop(p, files, shares.stream().mapToLong(Share::events).sum()))
          .compose(v -> {
            LOG.info("journal partition {} archived ({} domain(s)) and dropped", p.name(), shares.size());
            done.add(p.name());
            return next(parts, i + 1, dir, policy, now, done);
          });
    });
  }

  private Future<List<Share>> shares(Partition p) {
    return pool.preparedQuery(STATS).execute(Tuple.of(PgJournal.time(p.from().toEpochMilli()),
        PgJournal.time(p.to().toEpochMilli()))).map(rows -> {
          List<Share> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(new Share(r.getString("domain"), r.getLong("first_seq"), r.getLong("last_seq"), r.getLong("events"),
                r.getLong("snapshot_seq"), r.getLong("delivered_seq"), r.getLong("archived_seq")));
          }
          return out;
        });
  }

  /** Why the partition may not be archived yet, or null when every domain in it may drop its events. */
  static String refusal(Partition p, List<Share> shares, ArchivePolicy policy, Instant now) {
    for (Share s : shares) {
      int days = policy.days(s.domain());
      if (days == 0) {
        return p.name() + " holds events of " + s.domain() + ", which keeps its journal whole";
      }
      if (p.to().plusSeconds(days * 86_400L).isAfter(now)) {
        return p.name() + " holds events of " + s.domain() + " younger than its retention of " + days + " days";
      }
      if (!DOMAIN.matcher(s.domain()).matches()) {
        return p.name() + " holds events of a domain whose name cannot be a file name: " + s.domain();
      }
      if (s.snapshotSeq() == null || s.lastSeq() >= s.snapshotSeq()) {
        return p.name() + " holds events of " + s.domain() + " up to seq " + s.lastSeq()
            + ", not all before its newest snapshot (" + (s.snapshotSeq() == null ? "none" : "seq " + s.snapshotSeq())
            + "): recovery would need them";
      }
      if (s.deliveredSeq() != null && s.lastSeq() > s.deliveredSeq()) {
        return p.name() + " holds events of " + s.domain() + " up to seq " + s.lastSeq()
            + " that a webhook has not been given yet (it stands at " + s.deliveredSeq() + ")";
      }
      long expectedFirst = s.archivedSeq() == null ? 1 : s.archivedSeq() + 1;
      if (s.firstSeq() != expectedFirst || s.events() != s.lastSeq() - s.firstSeq() + 1) {
        return p.name() + " holds events " + s.firstSeq() + ".." + s.lastSeq() + " of " + s.domain()
            + " that do not continue its archived part (next is " + expectedFirst + ") without a gap";
      }
    }
    return null;
  }

  /** Writes and checks one file per domain, one after the other; answers with what to record. */
  private Future<List<Archived>> write(Partition p, List<Share> shares, Path dir) {
    Future<List<Archived>> chain = Future.succeededFuture(new ArrayList<>());
    for (Share s : shares) {
      chain = chain.compose(files -> writeOne(p, s, dir).map(a -> {
        files.add(a);
        return files;
      }));
    }
    return chain;
  }

  private Future<Archived> writeOne(Partition p, Share s, Path dir) {
    String name = ArchiveFile.name(s.domain(), p.name());
    Path target = dir.resolve(name);
    return page(p, s.domain(), s.firstSeq() - 1, 1).compose(first -> page(p, s.domain(), s.lastSeq() - 1, 1)
        .compose(last -> {
          if (first.isEmpty() || last.isEmpty()) {
            return Future.failedFuture(new IllegalStateException("events of " + s.domain() + " left " + p.name()));
          }
          ArchiveFile.Header header = new ArchiveFile.Header(s.domain(), p.name(), s.firstSeq(), s.lastSeq(),
              first.get(0).prevHash(), last.get(0).hash(), s.events());
          return vertx.executeBlocking(() -> new ArchiveFile.Writer(target, header))
              .compose(writer -> copy(p, s, writer, s.firstSeq() - 1)
                  .compose(v -> vertx.executeBlocking(writer::finish))
                  .eventually(() -> vertx.executeBlocking(() -> {
                    writer.close();
                    return null;
                  })))
              .map(sha -> new Archived(s.domain(), p.name(), s.firstSeq(), s.lastSeq(), header.prevHash(),
                  header.lastHash(), name, sha));
        }))
        .compose(a -> vertx.executeBlocking(() -> {
          // Read the file back through the chain before anything is dropped.
          JournalVerifier.Check check = new JournalVerifier.Check(s.domain(), s.firstSeq() - 1, a.prevHash());
          JournalVerifier.Report broken = JournalVerifier.walk(check, dir, a);
          if (broken != null) {
            throw new IllegalStateException("archive file " + name + " did not read back intact: " + broken.problem());
          }
          return a;
        }));
  }

  private Future<Void> copy(Partition p, Share s, ArchiveFile.Writer writer, long after) {
    return page(p, s.domain(), after, PAGE).compose(events -> {
      if (events.isEmpty()) {
        return Future.succeededFuture();
      }
      long last = events.get(events.size() - 1).seq();
      return vertx.executeBlocking(() -> {
        writer.write(events);
        return null;
      }).compose(v -> events.size() < PAGE ? Future.succeededFuture() : copy(p, s, writer, last));
    });
  }

  private Future<List<StoredEvent>> page(Partition p, String domain, long afterSeq, int limit) {
    return pool.preparedQuery(EVENTS).execute(Tuple.of(domain, PgJournal.time(p.from().toEpochMilli()),
        PgJournal.time(p.to().toEpochMilli()), afterSeq, limit)).map(PgJournal::events);
  }

  /** Records the files, detaches the partition, checks it holds exactly what was written, and drops it. */
  private Future<Void> drop(Partition p, List<Archived> files, long events) {
    if (!PARTITION.matcher(p.name()).matches()) {
      return Future.failedFuture(new IllegalArgumentException("not a month partition: " + p.name()));
    }
    return pool.withTransaction(conn -> conn.query("SELECT pg_advisory_xact_lock(" + LOCK + ")").execute()
        .compose(v -> conn.query("SET LOCAL lock_timeout = '5s'").execute())
        .compose(v -> record(conn, files))
        .compose(v -> conn.query("ALTER TABLE journal_events DETACH PARTITION " + p.name()).execute())
        .compose(v -> conn.query("SELECT count(*) FROM " + p.name()).execute())
        .compose(rows -> {
          long held = rows.iterator().next().getLong(0);
          if (held != events) {
            return Future.failedFuture(new IllegalStateException(p.name() + " holds " + held
                + " events, not the " + events + " archived: left live"));
          }
          return conn.query("DROP TABLE " + p.name()).execute();
        })
        .mapEmpty());
  }

  private static Future<Void> record(SqlConnection conn, List<Archived> files) {
    Future<Void> chain = Future.succeededFuture();
    for (Archived a : files) {
      chain = chain.compose(v -> conn.preparedQuery(RECORD).execute(Tuple.tuple().addString(a.domain())
          .addString(a.partition()).addLong(a.firstSeq()).addLong(a.lastSeq()).addBuffer(PgJournal.hash(a.prevHash()))
          .addBuffer(PgJournal.hash(a.lastHash())).addString(a.file()).addString(a.sha256())).mapEmpty());
    }
    return chain;
  }
}

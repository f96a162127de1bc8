package dev.contactrouter.store;

import dev.contactrouter.core.AccountOpeningReport;
import dev.contactrouter.core.Event;
import dev.contactrouter.core.Recorded;
import dev.contactrouter.core.ReportFold;
import dev.contactrouter.core.Reports;
import dev.contactrouter.core.ServiceRules;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The reports' aggregates in PostgreSQL (migration V6): figures per domain per 15-minute interval
 * per queue and per agent, complaint cases, and the fold's state at the position they stand at.
 * All of their SQL is here.
 *
 * <p>{@link #catchUp} folds the committed events after a domain's position ({@link ReportFold},
 * the reports' own fold) and writes the figures, the state the fold carries across events and the
 * new position in one transaction, under a lock on the position row, so two followers never count
 * an event twice and a crash leaves nothing half-counted. {@link #read} sums the intervals of a
 * report's period into a {@link Reports}, with the fold's state, in one snapshot; the caller then
 * folds only the events after the position. {@link #verify} recomputes everything up to the
 * position from the journal and lists the differences; {@link #reset} empties a domain's
 * aggregates so they are rebuilt from the journal.
 */
public final class PgReportAggregates {
  /** The aggregates' interval: 15 minutes, UTC-aligned (every real time zone offset is a multiple of it). */
  public static final long INTERVAL_MILLIS = IntervalSums.INTERVAL_MILLIS;

  /** Memory a report's grouping may take (PostgreSQL's default 4 MB sorts a year of intervals on disk). */
  private static final String WORK_MEM = "64MB";
  private static final String OPEN = "INSERT INTO report_positions (domain) VALUES ($1) ON CONFLICT (domain) DO NOTHING";
  private static final String POSITION = "SELECT seq, last_at, w_satisfaction, w_response_speed, w_volume,"
      + " w_answer_rate, w_response_target FROM report_positions WHERE domain = $1";
  private static final String MOVE = "UPDATE report_positions SET seq = $2, last_at = $3 WHERE domain = $1";
  private static final String WEIGHTS = "UPDATE report_positions SET w_satisfaction = $2, w_response_speed = $3,"
      + " w_volume = $4, w_answer_rate = $5, w_response_target = $6 WHERE domain = $1";
  private static final String CONTACT_COLUMNS =
      "contact_id, queue, segment_start, waiting, deadline, assigned_at, assigned_queue, assigned_segment_start";
  private static final String CASE_COLUMNS =
      "case_id, opened_at, kind, severity, result_at, closed_at, reopened, breached, breached_before_result";
  private static final String LOAD_CONTACTS = some("report_contacts", CONTACT_COLUMNS);
  private static final String ALL_CONTACTS = all("report_contacts", CONTACT_COLUMNS);
  private static final String SAVE_CONTACTS = "INSERT INTO report_contacts (domain, " + CONTACT_COLUMNS + ")"
      + " SELECT $1, u.* FROM unnest($2::text[], $3::text[], $4::bigint[], $5::boolean[], $6::bigint[], $7::bigint[],"
      + " $8::text[], $9::bigint[]) AS u ON CONFLICT (domain, contact_id) DO UPDATE SET queue = EXCLUDED.queue,"
      + " segment_start = EXCLUDED.segment_start, waiting = EXCLUDED.waiting, deadline = EXCLUDED.deadline,"
      + " assigned_at = EXCLUDED.assigned_at, assigned_queue = EXCLUDED.assigned_queue,"
      + " assigned_segment_start = EXCLUDED.assigned_segment_start";
  private static final String DROP_CONTACTS = drop("report_contacts", CONTACT_COLUMNS);
  private static final String LOAD_OFFERS = some("report_offers", "offer_id, made_at");
  private static final String ALL_OFFERS = all("report_offers", "offer_id, made_at");
  private static final String SAVE_OFFERS = "INSERT INTO report_offers (domain, offer_id, made_at)"
      + " SELECT $1, u.* FROM unnest($2::text[], $3::bigint[]) AS u"
      + " ON CONFLICT (domain, offer_id) DO UPDATE SET made_at = EXCLUDED.made_at";
  private static final String DROP_OFFERS = drop("report_offers", "offer_id");
  private static final String LOAD_CASES = some("report_cases", CASE_COLUMNS);
  private static final String ALL_CASES = all("report_cases", CASE_COLUMNS);
  private static final String CASES_OPENED = opened("report_cases", CASE_COLUMNS);
  private static final String SAVE_CASES = "INSERT INTO report_cases (domain, " + CASE_COLUMNS + ")"
      + " SELECT $1, u.* FROM unnest($2::text[], $3::bigint[], $4::text[], $5::text[], $6::bigint[], $7::bigint[],"
      + " $8::boolean[], $9::boolean[], $10::boolean[]) AS u ON CONFLICT (domain, case_id) DO UPDATE SET"
      + " opened_at = EXCLUDED.opened_at, kind = EXCLUDED.kind, severity = EXCLUDED.severity,"
      + " result_at = EXCLUDED.result_at, closed_at = EXCLUDED.closed_at, reopened = EXCLUDED.reopened,"
      + " breached = EXCLUDED.breached, breached_before_result = EXCLUDED.breached_before_result";
  private static final String ACCOUNT_COLUMNS = "case_id, opened_at, deadline, activated_at, working_days";
  private static final String LOAD_ACCOUNTS = some("report_account_cases", ACCOUNT_COLUMNS);
  private static final String ALL_ACCOUNTS = all("report_account_cases", ACCOUNT_COLUMNS);
  private static final String ACCOUNTS_OPENED = opened("report_account_cases", ACCOUNT_COLUMNS);
  private static final String SAVE_ACCOUNTS = "INSERT INTO report_account_cases (domain, " + ACCOUNT_COLUMNS + ")"
      + " SELECT $1, u.* FROM unnest($2::text[], $3::bigint[], $4::bigint[], $5::bigint[], $6::float8[]) AS u"
      + " ON CONFLICT (domain, case_id) DO UPDATE SET opened_at = EXCLUDED.opened_at, deadline = EXCLUDED.deadline,"
      + " activated_at = EXCLUDED.activated_at, working_days = EXCLUDED.working_days";
  private static final String SAVE_QUEUES = upsert("report_queue_intervals", "queue", IntervalSums.QUEUE_COLUMNS);
  private static final String SAVE_AGENTS = upsert("report_agent_intervals", "agent", IntervalSums.AGENT_COLUMNS);
  private static final String ALL_QUEUES = "SELECT bucket, queue, " + String.join(", ", IntervalSums.QUEUE_COLUMNS)
      + " FROM report_queue_intervals WHERE domain = $1";
  private static final String ALL_AGENTS = "SELECT bucket, agent, " + String.join(", ", IntervalSums.AGENT_COLUMNS)
      + " FROM report_agent_intervals WHERE domain = $1";
  private static final String AGENT_SUMS = "SELECT agent, "
      + IntervalSums.AGENT_COLUMNS.stream().map(c -> "sum(" + c + ")::bigint").collect(Collectors.joining(", "))
      + " FROM report_agent_intervals WHERE domain = $1 AND bucket >= $2 AND bucket < $3 GROUP BY agent";
  private static final List<String> TABLES = List.of("report_queue_intervals", "report_agent_intervals",
      "report_contacts", "report_offers", "report_cases", "report_account_cases", "report_positions");

  private final Pool pool;
  private final boolean ownsPool;
  /** What the journal of this process just appended: folded from memory when it holds the next event. */
  private final RecentAppends recent;

  PgReportAggregates(Pool pool, boolean ownsPool, RecentAppends recent) {
    this.pool = pool;
    this.ownsPool = ownsPool;
    this.recent = recent;
  }

  /** Aggregates on a pool of their own (for the API's report handlers); it does not migrate the schema. */
  public static PgReportAggregates connect(Vertx vertx, String url, int poolSize, long timeoutMillis) {
    return new PgReportAggregates(PgJournal.pool(vertx, url, poolSize, timeoutMillis), true, RecentAppends.NONE);
  }

  /** Whether a report's answer threshold (for contacts without an SLA deadline) is one the aggregates count. */
  public static boolean countsThreshold(int slaSeconds) {
    return IntervalSums.isEdge(slaSeconds);
  }

  /** Where a domain's aggregates stand: every event up to {@code seq}, the latest at {@code lastAt}. */
  public record Position(long seq, long lastAt) {}

  /**
   * What a report asks of the aggregates.
   *
   * @param from the period's start, on an interval edge
   * @param bucketsBefore intervals starting before this are summed
   * @param to the period's end: complaint cases opened before it
   * @param boundaries the starts of the report's own intervals, ascending, the first at or before {@code from}
   * @param slaSeconds the answer target, one of those the aggregates count
   */
  public record Period(long from, long bucketsBefore, long to, long[] boundaries, int slaSeconds) {
    /**
     * Whether aggregates at this position answer the period exactly: it ends on an interval edge,
     * or after every event they counted (so the interval it ends in holds nothing past its end).
     */
    public boolean answeredAt(Position position) {
      return to % INTERVAL_MILLIS == 0 || to > position.lastAt();
    }
  }

  /** The most report intervals a request is answered with from the aggregates. */
  private static final int MAX_INTERVALS = 200_000;

  /**
   * What to ask of the aggregates for a report ({@code r}, for its intervals and time zone), if they
   * can answer it exactly: the period starts on a 15-minute edge, the threshold is one they count,
   * and each of the report's intervals is made of whole 15-minute intervals (true of every real time
   * zone today). Empty otherwise: then the report folds the journal.
   */
  public static java.util.Optional<Period> period(Reports r, long from, long to, int slaSeconds) {
    long step = INTERVAL_MILLIS;
    if (from % step != 0 || !countsThreshold(slaSeconds)) {
      return java.util.Optional.empty();
    }
    long before = Math.floorDiv(to + step - 1, step) * step;
    List<Long> starts = new ArrayList<>();
    starts.add(r.bucket(from));
    for (long b = r.bucketEnd(starts.get(0)); b < before; b = r.bucketEnd(b)) {
      if (b % step != 0 || starts.size() >= MAX_INTERVALS) {
        return java.util.Optional.empty();
      }
      starts.add(b);
    }
    return java.util.Optional.of(new Period(from, before, to, starts.stream().mapToLong(Long::longValue).toArray(),
        slaSeconds));
  }

  // ------------------------------------------------------------------ following

  /**
   * Folds at most {@code limit} events after the domain's position; completes with how many. The
   * events come from what this process just appended when it holds the next one ({@link
   * RecentAppends}), else from the journal.
   */
  public Future<Integer> catchUp(String domain, int limit) {
    return pool.withTransaction(conn -> conn.preparedQuery(OPEN).execute(Tuple.of(domain))
        .compose(v -> conn.preparedQuery(POSITION + " FOR UPDATE").execute(Tuple.of(domain)))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(0);
          }
          Row r = rows.iterator().next();
          long lastAt = r.getLong("last_at");
          return page(conn, domain, r.getLong("seq"), limit)
              .compose(page -> page.events().isEmpty() ? Future.succeededFuture(0) : apply(conn, domain, lastAt, page));
        }));
  }

  /** Events after a position, in journal order, and the number of the last ({@code afterSeq} when none). */
  private record Page(List<Recorded> events, long lastSeq) {}

  /**
   * At most {@code limit} events after {@code afterSeq}: from what this process just appended when
   * it holds the next one, else from the journal.
   */
  private Future<Page> page(SqlConnection conn, String domain, long afterSeq, int limit) {
    Optional<List<RecentAppends.Appended>> held = recent.after(domain, afterSeq, limit);
    if (held.isPresent()) {
      List<RecentAppends.Appended> events = held.get();
      return Future.succeededFuture(new Page(events.stream().map(RecentAppends.Appended::recorded).toList(),
          events.get(events.size() - 1).seq()));
    }
    return PgJournal.page(conn, domain, afterSeq, limit).map(events -> new Page(
        events.stream().map(StoredEvent::recorded).toList(),
        events.isEmpty() ? afterSeq : events.get(events.size() - 1).seq()));
  }

  /** Folds a page of events after the position, and moves the position to its last. */
  private Future<Integer> apply(SqlConnection conn, String domain, long lastAt, Page page) {
    List<Recorded> recorded = page.events();
    long seq = page.lastSeq();
    Set<String> contacts = new LinkedHashSet<>();
    // A contact whose first event here is contact_queued starts a new track in the fold, which
    // replaces whatever was stored: only the others need their stored state (during intake, none).
    Set<String> continuing = new LinkedHashSet<>();
    Set<String> offers = new LinkedHashSet<>();
    Set<String> cases = new LinkedHashSet<>();
    Set<String> accountCases = new LinkedHashSet<>();
    long latest = lastAt;
    for (Recorded r : recorded) {
      latest = Math.max(latest, r.at());
      String contact = r.event().contactId();
      if (contact != null && contacts.add(contact) && !(r.event() instanceof Event.ContactQueued)) {
        continuing.add(contact);
      }
      add(offers, ReportFold.offerOf(r.event()));
      add(cases, ReportFold.caseOf(r.event()));
      add(accountCases, AccountOpeningReport.caseOf(r.event()));
    }
    IntervalSums sums = new IntervalSums();
    ReportFold fold = new ReportFold(sums);
    AccountOpeningReport accounts = new AccountOpeningReport(Long.MIN_VALUE, Long.MAX_VALUE, 0);
    long newest = latest;
    return load(conn, domain, fold, continuing, offers, cases)
        .compose(v -> stored(conn, LOAD_ACCOUNTS, domain, accountCases, r -> accounts.restore(accountCase(r))))
        .compose(v -> {
          recorded.forEach(r -> fold(fold, accounts, r));
          return saveRows(conn, SAVE_QUEUES, domain, sums.queues());
        })
        .compose(v -> saveRows(conn, SAVE_AGENTS, domain, sums.agents()))
        .compose(v -> saveState(conn, domain, fold, contacts, offers, cases))
        .compose(v -> saveAccounts(conn, domain, accounts, accountCases))
        .compose(v -> conn.preparedQuery(MOVE).execute(Tuple.of(domain, seq, newest)))
        .compose(v -> sums.weightsSeen() ? saveWeights(conn, domain, sums.weights()) : Future.succeededFuture())
        .map(v -> recorded.size());
  }

  /** One event into the fold, as {@link Reports#accept} does: account-opening events to their own report. */
  private static void fold(ReportFold fold, AccountOpeningReport accounts, Recorded r) {
    if (!accounts.accept(r.event(), r.at())) {
      fold.accept(r);
    }
  }

  private static Future<Void> saveAccounts(SqlConnection conn, String domain, AccountOpeningReport accounts,
      Set<String> ids) {
    List<AccountOpeningReport.AccountCase> known = new ArrayList<>();
    ids.forEach(id -> accounts.kase(id).ifPresent(known::add));
    if (known.isEmpty()) {
      return Future.succeededFuture();
    }
    return conn.preparedQuery(SAVE_ACCOUNTS).execute(Tuple.tuple().addString(domain)
            .addArrayOfString(column(known, AccountOpeningReport.AccountCase::id, String[]::new))
            .addArrayOfLong(column(known, AccountOpeningReport.AccountCase::openedAt, Long[]::new))
            .addArrayOfLong(column(known, AccountOpeningReport.AccountCase::deadline, Long[]::new))
            .addArrayOfLong(column(known, AccountOpeningReport.AccountCase::activatedAt, Long[]::new))
            .addArrayOfDouble(column(known, AccountOpeningReport.AccountCase::workingDays, Double[]::new)))
        .mapEmpty();
  }

  private static AccountOpeningReport.AccountCase accountCase(Row r) {
    return new AccountOpeningReport.AccountCase(r.getString(0), r.getLong(1), r.getLong(2), r.getLong(3),
        r.getDouble(4));
  }

  private static void add(Set<String> ids, String id) {
    if (id != null) {
      ids.add(id);
    }
  }

  private static Future<Void> load(SqlConnection conn, String domain, ReportFold fold, Set<String> contacts,
      Set<String> offers, Set<String> cases) {
    return stored(conn, LOAD_CONTACTS, domain, contacts, r -> fold.restoreContact(contact(r)))
        .compose(v -> stored(conn, LOAD_OFFERS, domain, offers, r -> fold.restoreOffer(r.getString(0), r.getLong(1))))
        .compose(v -> stored(conn, LOAD_CASES, domain, cases, r -> fold.restoreCase(kase(r))));
  }

  /**
   * The stored rows of {@code ids} by one of the {@code LOAD_} statements, each handed to {@code
   * restore}; no statement when there are none to look up (planning it cost about a millisecond).
   */
  private static Future<Void> stored(SqlConnection conn, String load, String domain, Set<String> ids,
      Consumer<Row> restore) {
    if (ids.isEmpty()) {
      return Future.succeededFuture();
    }
    return conn.preparedQuery(load).execute(Tuple.tuple().addString(domain).addArrayOfString(ids.toArray(new String[0])))
        .map(rows -> {
          rows.forEach(restore);
          return null;
        });
  }

  private static Future<Void> saveState(SqlConnection conn, String domain, ReportFold fold, Set<String> contacts,
      Set<String> offers, Set<String> cases) {
    List<ReportFold.Contact> kept = new ArrayList<>();
    List<String> gone = new ArrayList<>();
    contacts.forEach(id -> fold.contact(id).ifPresentOrElse(kept::add, () -> gone.add(id)));
    Map<String, Long> openOffers = new TreeMap<>();
    List<String> endedOffers = new ArrayList<>();
    offers.forEach(id -> fold.offer(id).ifPresentOrElse(at -> openOffers.put(id, at), () -> endedOffers.add(id)));
    List<ReportFold.Case> known = new ArrayList<>();
    cases.forEach(id -> fold.kase(id).ifPresent(known::add));
    return unlessNone(kept, () -> conn.preparedQuery(SAVE_CONTACTS).execute(Tuple.tuple().addString(domain)
            .addArrayOfString(column(kept, ReportFold.Contact::id, String[]::new))
            .addArrayOfString(column(kept, ReportFold.Contact::queue, String[]::new))
            .addArrayOfLong(column(kept, ReportFold.Contact::segmentStart, Long[]::new))
            .addArrayOfBoolean(column(kept, ReportFold.Contact::waiting, Boolean[]::new))
            .addArrayOfLong(column(kept, ReportFold.Contact::deadline, Long[]::new))
            .addArrayOfLong(column(kept, ReportFold.Contact::assignedAt, Long[]::new))
            .addArrayOfString(column(kept, ReportFold.Contact::assignedQueue, String[]::new))
            .addArrayOfLong(column(kept, ReportFold.Contact::assignedSegmentStart, Long[]::new))))
        .compose(v -> unlessNone(gone, () -> conn.preparedQuery(DROP_CONTACTS)
            .execute(Tuple.tuple().addString(domain).addArrayOfString(gone.toArray(new String[0])))))
        .compose(v -> unlessNone(openOffers.keySet(), () -> conn.preparedQuery(SAVE_OFFERS).execute(Tuple.tuple()
            .addString(domain)
            .addArrayOfString(openOffers.keySet().toArray(new String[0]))
            .addArrayOfLong(openOffers.values().toArray(new Long[0])))))
        .compose(v -> unlessNone(endedOffers, () -> conn.preparedQuery(DROP_OFFERS)
            .execute(Tuple.tuple().addString(domain).addArrayOfString(endedOffers.toArray(new String[0])))))
        .compose(v -> unlessNone(known, () -> conn.preparedQuery(SAVE_CASES).execute(Tuple.tuple().addString(domain)
            .addArrayOfString(column(known, ReportFold.Case::id, String[]::new))
            .addArrayOfLong(column(known, ReportFold.Case::openedAt, Long[]::new))
            .addArrayOfString(column(known, ReportFold.Case::kind, String[]::new))
            .addArrayOfString(column(known, ReportFold.Case::severity, String[]::new))
            .addArrayOfLong(column(known, ReportFold.Case::resultAt, Long[]::new))
            .addArrayOfLong(column(known, ReportFold.Case::closedAt, Long[]::new))
            .addArrayOfBoolean(column(known, ReportFold.Case::reopened, Boolean[]::new))
            .addArrayOfBoolean(column(known, ReportFold.Case::breached, Boolean[]::new))
            .addArrayOfBoolean(column(known, ReportFold.Case::breachedBeforeResult, Boolean[]::new)))));
  }

  /** Runs {@code write} unless there is nothing to write: a statement over empty arrays still costs its planning. */
  private static Future<Void> unlessNone(Collection<?> rows, Supplier<Future<?>> write) {
    return rows.isEmpty() ? Future.succeededFuture() : write.get().mapEmpty();
  }

  private static <T, C> C[] column(List<T> rows, Function<T, C> field, java.util.function.IntFunction<C[]> array) {
    C[] out = array.apply(rows.size());
    for (int i = 0; i < out.length; i++) {
      out[i] = field.apply(rows.get(i));
    }
    return out;
  }

  private static Future<Void> saveRows(SqlConnection conn, String sql, String domain, Map<IntervalSums.Key, long[]> rows) {
    if (rows.isEmpty()) {
      return Future.succeededFuture();
    }
    int n = rows.size();
    int width = rows.values().iterator().next().length;
    Long[] buckets = new Long[n];
    String[] names = new String[n];
    Long[][] columns = new Long[width][n];
    int i = 0;
    for (Map.Entry<IntervalSums.Key, long[]> e : rows.entrySet()) {
      buckets[i] = e.getKey().bucket();
      names[i] = e.getKey().name();
      for (int c = 0; c < width; c++) {
        columns[c][i] = e.getValue()[c];
      }
      i++;
    }
    Tuple t = Tuple.tuple().addString(domain).addArrayOfLong(buckets).addArrayOfString(names);
    for (Long[] column : columns) {
      t.addArrayOfLong(column);
    }
    return conn.preparedQuery(sql).execute(t).mapEmpty();
  }

  private static Future<Void> saveWeights(SqlConnection conn, String domain, ServiceRules.ScoreWeights w) {
    Tuple t = w == null
        ? Tuple.of(domain, null, null, null, null, null)
        : Tuple.of(domain, w.satisfaction(), w.responseSpeed(), w.volume(), w.answerRate(), w.responseTargetSeconds());
    return conn.preparedQuery(WEIGHTS).execute(t).mapEmpty();
  }

  /** INSERT … ON CONFLICT adding each column (keeping the greatest longest wait) to the stored row. */
  private static String upsert(String table, String name, List<String> columns) {
    StringBuilder types = new StringBuilder("$2::bigint[], $3::text[]");
    for (int i = 0; i < columns.size(); i++) {
      types.append(", $").append(i + 4).append("::bigint[]");
    }
    String set = columns.stream()
        .map(c -> c + " = " + (c.equals(IntervalSums.LONGEST)
            ? "greatest(" + table + "." + c + ", EXCLUDED." + c + ")"
            : table + "." + c + " + EXCLUDED." + c))
        .collect(Collectors.joining(", "));
    return "INSERT INTO " + table + " (domain, bucket, " + name + ", " + String.join(", ", columns) + ")"
        + " SELECT $1, u.* FROM unnest(" + types + ") AS u"
        + " ON CONFLICT (domain, bucket, " + name + ") DO UPDATE SET " + set;
  }

  // ------------------------------------------------------------------ reading

  /**
   * Puts the aggregates of the period into {@code into} (queue and agent figures, complaint cases
   * opened in it, the composite score's weights) with the fold's state at the position, all from
   * one snapshot; completes with the position, after which the caller folds the journal.
   */
  public Future<Position> read(String domain, Period p, Reports into) {
    return pool.withTransaction(conn -> conn.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        .execute()
        // A year of intervals grouped in memory (a hash) rather than sorted on disk: measured 0.3 s against 0.5-0.9 s.
        .compose(v -> conn.query("SET LOCAL work_mem = '" + WORK_MEM + "'").execute())
        .compose(v -> conn.preparedQuery(POSITION).execute(Tuple.of(domain)))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(new Position(0, 0));
          }
          Row r = rows.iterator().next();
          into.weights(weights(r));
          Position at = new Position(r.getLong("seq"), r.getLong("last_at"));
          return conn.preparedQuery(ALL_CONTACTS).execute(Tuple.of(domain))
              .compose(contacts -> {
                contacts.forEach(c -> into.fold().restoreContact(contact(c)));
                return conn.preparedQuery(ALL_OFFERS).execute(Tuple.of(domain));
              })
              .compose(offers -> {
                offers.forEach(o -> into.fold().restoreOffer(o.getString(0), o.getLong(1)));
                return conn.preparedQuery(CASES_OPENED).execute(Tuple.of(domain, p.from(), p.to()));
              })
              .compose(cases -> {
                cases.forEach(c -> into.fold().restoreCase(kase(c)));
                return conn.preparedQuery(ACCOUNTS_OPENED).execute(Tuple.of(domain, p.from(), p.to()));
              })
              .compose(accounts -> {
                accounts.forEach(a -> into.accountCases().restore(accountCase(a)));
                return conn.preparedQuery(queueSums(p.slaSeconds())).execute(Tuple.tuple()
                    .addString(domain).addLong(p.from()).addLong(p.bucketsBefore())
                    .addArrayOfLong(Arrays.stream(p.boundaries()).boxed().toArray(Long[]::new)));
              })
              .compose(queues -> {
                queues.forEach(q -> into.add(q.getString(0), q.getLong(1), queueSums(q)));
                return conn.preparedQuery(AGENT_SUMS).execute(Tuple.of(domain, p.from(), p.bucketsBefore()));
              })
              .map(agents -> {
                agents.forEach(a -> into.add(a.getString(0), new Reports.AgentSums(a.getLong(1), a.getLong(2),
                    a.getLong(3), a.getLong(4), a.getLong(5), surveys(a, 6))));
                return at;
              });
        }));
  }

  private static String queueSums(int slaSeconds) {
    if (!IntervalSums.isEdge(slaSeconds)) {
      throw new IllegalArgumentException("the aggregates do not count answers within " + slaSeconds + " s");
    }
    return "SELECT queue, min(bucket), sum(offered)::bigint, sum(answered)::bigint, sum(abandoned)::bigint,"
        + " sum(transferred_out)::bigint, sum(met_deadline + " + IntervalSums.within(slaSeconds) + ")::bigint,"
        + " sum(wait_ms)::bigint, sum(handled)::bigint, sum(handle_ms)::bigint, max(longest_wait_ms),"
        + " sum(surveys)::bigint, sum(csat_sum)::bigint, sum(satisfied)::bigint, sum(nps_answers)::bigint,"
        + " sum(promoters)::bigint, sum(detractors)::bigint"
        + " FROM report_queue_intervals WHERE domain = $1 AND bucket >= $2 AND bucket < $3"
        + " GROUP BY queue, width_bucket(bucket, $4::bigint[])";
  }

  private static Reports.QueueSums queueSums(Row q) {
    return new Reports.QueueSums(q.getLong(2), q.getLong(3), q.getLong(4), q.getLong(5), q.getLong(6), q.getLong(7),
        q.getLong(8), q.getLong(9), q.getLong(10), surveys(q, 11));
  }

  private static Reports.SurveySums surveys(Row r, int first) {
    return new Reports.SurveySums(r.getLong(first), r.getLong(first + 1), r.getLong(first + 2), r.getLong(first + 3),
        r.getLong(first + 4), r.getLong(first + 5));
  }

  private static ServiceRules.ScoreWeights weights(Row r) {
    Double satisfaction = r.getDouble("w_satisfaction");
    return satisfaction == null ? null : new ServiceRules.ScoreWeights(satisfaction, r.getDouble("w_response_speed"),
        r.getDouble("w_volume"), r.getDouble("w_answer_rate"), r.getInteger("w_response_target"));
  }

  private static ReportFold.Contact contact(Row r) {
    return new ReportFold.Contact(r.getString(0), r.getString(1), r.getLong(2), r.getBoolean(3), r.getLong(4),
        r.getLong(5), r.getString(6), r.getLong(7));
  }

  private static ReportFold.Case kase(Row r) {
    return new ReportFold.Case(r.getString(0), r.getLong(1), r.getString(2), r.getString(3), r.getLong(4),
        r.getLong(5), r.getBoolean(6), r.getBoolean(7), r.getBoolean(8));
  }

  // ------------------------------------------------------------------ verifying and rebuilding

  /** Where the domain's aggregates stand (position 0 if they were never built). */
  public Future<Position> position(String domain) {
    return pool.preparedQuery(POSITION).execute(Tuple.of(domain)).map(rows -> rows.size() == 0
        ? new Position(0, 0)
        : new Position(rows.iterator().next().getLong("seq"), rows.iterator().next().getLong("last_at")));
  }

  /**
   * Recomputes the domain's aggregates from its journal up to their position and compares them
   * with the stored ones, in one snapshot: completes with the differences (empty when they agree),
   * at most {@code most} of them.
   */
  public Future<List<String>> verify(String domain, int pageSize, int most) {
    return pool.withTransaction(conn -> conn.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        .execute()
        .compose(v -> conn.preparedQuery(POSITION).execute(Tuple.of(domain)))
        .compose(rows -> {
          Row r = rows.size() == 0 ? null : rows.iterator().next();
          long upTo = r == null ? 0 : r.getLong("seq");
          IntervalSums sums = new IntervalSums();
          ReportFold fold = new ReportFold(sums);
          AccountOpeningReport accounts = new AccountOpeningReport(Long.MIN_VALUE, Long.MAX_VALUE, 0);
          List<String> out = new ArrayList<>();
          // The stored tables, read in turn on this connection, against what the refold computed.
          return refold(conn, domain, fold, accounts, 0, upTo, pageSize)
              .compose(v -> Future.all(List.of(ALL_QUEUES, ALL_AGENTS, ALL_CONTACTS, ALL_OFFERS, ALL_CASES, ALL_ACCOUNTS)
                  .stream().map(sql -> conn.preparedQuery(sql).execute(Tuple.of(domain))).toList()))
              .map(tables -> {
                compare("queue", sums.queues(), stored(tables.resultAt(0)), IntervalSums.QUEUE_COLUMNS, out);
                compare("agent", sums.agents(), stored(tables.resultAt(1)), IntervalSums.AGENT_COLUMNS, out);
                compare("contact state", new HashSet<>(fold.contacts()),
                    rows(tables.resultAt(2), PgReportAggregates::contact), out);
                Map<String, Long> offers = new HashMap<>();
                tables.<RowSet<Row>>resultAt(3).forEach(o -> offers.put(o.getString(0), o.getLong(1)));
                compare("open offers", new HashSet<>(fold.offers().entrySet()), new HashSet<>(offers.entrySet()), out);
                compare("complaint cases", new HashSet<>(fold.cases()), rows(tables.resultAt(4), PgReportAggregates::kase), out);
                compare("account-opening cases", new HashSet<>(accounts.cases()),
                    rows(tables.resultAt(5), PgReportAggregates::accountCase), out);
                if (sums.weightsSeen() && r != null && !java.util.Objects.equals(sums.weights(), weights(r))) {
                  out.add("score weights: journal " + sums.weights() + ", stored " + weights(r));
                }
                return out.size() <= most ? out : List.copyOf(out.subList(0, most));
              });
        }));
  }

  private static <T> Set<T> rows(RowSet<Row> rows, Function<Row, T> read) {
    Set<T> out = new HashSet<>();
    rows.forEach(row -> out.add(read.apply(row)));
    return out;
  }

  private static Future<Void> refold(SqlConnection conn, String domain, ReportFold fold, AccountOpeningReport accounts,
      long after, long upTo, int pageSize) {
    if (after >= upTo) {
      return Future.succeededFuture();
    }
    return PgJournal.page(conn, domain, after, (int) Math.min(pageSize, upTo - after)).compose(page -> {
      if (page.isEmpty()) {
        return Future.succeededFuture();
      }
      page.forEach(e -> fold(fold, accounts, e.recorded()));
      return refold(conn, domain, fold, accounts, page.get(page.size() - 1).seq(), upTo, pageSize);
    });
  }

  private static Map<IntervalSums.Key, long[]> stored(RowSet<Row> rows) {
    Map<IntervalSums.Key, long[]> out = new TreeMap<>();
    for (Row r : rows) {
      long[] values = new long[r.size() - 2];
      for (int i = 0; i < values.length; i++) {
        values[i] = r.getLong(i + 2);
      }
      out.put(new IntervalSums.Key(r.getLong(0), r.getString(1)), values);
    }
    return out;
  }

  private static void compare(String what, Map<IntervalSums.Key, long[]> rebuilt, Map<IntervalSums.Key, long[]> stored,
      List<String> columns, List<String> out) {
    Set<IntervalSums.Key> keys = new java.util.TreeSet<>(rebuilt.keySet());
    keys.addAll(stored.keySet());
    for (IntervalSums.Key k : keys) {
      long[] a = rebuilt.get(k);
      long[] b = stored.get(k);
      String where = what + " " + k.name() + " at " + java.time.Instant.ofEpochMilli(k.bucket());
      if (a == null || b == null) {
        out.add(where + ": " + (a == null ? "stored but not in the journal" : "in the journal but not stored"));
        continue;
      }
      for (int c = 0; c < a.length; c++) {
        if (a[c] != b[c]) {
          out.add(where + ": " + columns.get(c) + " journal " + a[c] + ", stored " + b[c]);
        }
      }
    }
  }

  private static <T> void compare(String what, Set<T> rebuilt, Set<T> stored, List<String> out) {
    rebuilt.stream().filter(x -> !stored.contains(x)).forEach(x -> out.add(what + ": missing " + x));
    stored.stream().filter(x -> !rebuilt.contains(x)).forEach(x -> out.add(what + ": not in the journal " + x));
  }

  /** Empties the domain's aggregates, so they are rebuilt from the journal (by {@link #catchUp}). */
  public Future<Void> reset(String domain) {
    return pool.withTransaction(conn -> {
      Future<Void> chain = Future.succeededFuture();
      for (String table : TABLES) {
        chain = chain.compose(v -> conn.preparedQuery("DELETE FROM " + table + " WHERE domain = $1")
            .execute(Tuple.of(domain)).mapEmpty());
      }
      return chain;
    });
  }

  /**
   * Refreshes the planner's statistics of the interval tables (autovacuum does it in time; after a
   * rebuild a report would otherwise be planned for empty tables: measured 1.5 s against 0.4 s).
   */
  public Future<Void> analyze() {
    return pool.query("ANALYZE report_queue_intervals, report_agent_intervals").execute().mapEmpty();
  }

  /** Closes the pool if these aggregates own it. */
  public Future<Void> close() {
    return ownsPool ? pool.close() : Future.succeededFuture();
  }

  // The fold's state tables are each keyed by their first column (contact, offer or case id).

  /** The rows of a state table whose keys are in the array {@code $2}. */
  private static String some(String table, String columns) {
    return all(table, columns) + " AND " + key(columns) + " = ANY($2)";
  }

  /** Every row of a state table of domain {@code $1}. */
  private static String all(String table, String columns) {
    return "SELECT " + columns + " FROM " + table + " WHERE domain = $1";
  }

  /** The cases opened in [{@code $2}, {@code $3}). */
  private static String opened(String table, String columns) {
    return all(table, columns) + " AND opened_at >= $2 AND opened_at < $3";
  }

  private static String drop(String table, String columns) {
    return "DELETE FROM " + table + " WHERE domain = $1 AND " + key(columns) + " = ANY($2)";
  }

  private static String key(String columns) {
    int comma = columns.indexOf(',');
    return comma < 0 ? columns : columns.substring(0, comma);
  }
}

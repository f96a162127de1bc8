package dev.contactrouter.bench.reports;

import dev.contactrouter.core.AgentStatus;
import dev.contactrouter.core.Channel;
import dev.contactrouter.core.ContactSpec;
import dev.contactrouter.core.Customer;
import dev.contactrouter.core.Event;
import dev.contactrouter.core.Recorded;
import dev.contactrouter.core.Reports;
import dev.contactrouter.core.SlaPolicy;
import dev.contactrouter.store.JournalEntry;
import dev.contactrouter.store.JournalHead;
import dev.contactrouter.store.PgJournal;
import dev.contactrouter.store.PgReportAggregates;
import dev.contactrouter.store.StoredEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Writes simulated days of a 200-agent centre into a PostgreSQL journal (real event encoding and
 * hash chain, through {@link PgJournal#append} in batches of 5,000), brings the report aggregates
 * up to date ({@link PgReportAggregates#catchUp}, timed: the rebuild rate), then times, several
 * times each, a year's per-queue daily report and a month's per-agent report over the last days
 * written, through the query layer the API uses (aggregates summed, journal after their position
 * folded). Run it again with a later {@code firstDay} to grow the same journal and see whether
 * the reports' time grows with it.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.contactrouter.bench.reports.ReportYear \
 *   postgresql://postgres@127.0.0.1:5432/reports_bench FIRST_DAY DAYS CONTACTS_PER_DAY [REPEATS] [fold]
 * </pre>
 *
 * Days count from 2025-01-01; contacts arrive 08:00 to 20:00 Asia/Shanghai in ten queues; 8 %
 * hang up while waiting, 30 % of the answered leave a survey. {@code fold} also times the old
 * path once: the whole journal folded. The interval tables are analysed after the catch-up (as
 * autovacuum would in time). Bounded: at most 3,650 days and 20,000 contacts a day.
 */
public final class ReportYear {
  private static final String DOMAIN = "year";
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final int AGENTS = 200;
  private static final int QUEUES = 10;
  private static final int BATCH = 5_000;
  private static final long DAY = 24 * 3_600_000L;
  private static final long TIMEOUT_SECONDS = 600;

  private ReportYear() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 4) {
      System.err.println("usage: ReportYear PG_URL FIRST_DAY DAYS CONTACTS_PER_DAY [REPEATS] [fold]");
      System.exit(2);
    }
    String url = args[0];
    int firstDay = Integer.parseInt(args[1]);
    int days = Math.min(3_650, Integer.parseInt(args[2]));
    int perDay = Math.min(20_000, Integer.parseInt(args[3]));
    int repeats = args.length > 4 ? Integer.parseInt(args[4]) : 5;
    boolean fold = args.length > 5 && "fold".equals(args[5]);
    Vertx vertx = Vertx.vertx();
    try {
      PgJournal journal = get(PgJournal.connect(vertx, url, 4, 30_000));
      PgReportAggregates aggregates = journal.reportAggregates();
      JournalHead head = get(journal.open(DOMAIN));
      long started = System.nanoTime();
      long before = head.seq();
      for (int d = firstDay; d < firstDay + days; d++) {
        head = write(journal, head, day(d, perDay));
      }
      double writeSeconds = (System.nanoTime() - started) / 1e9;
      System.out.printf("journal: %,d events written in %.1f s (%,.0f events/s); %,d events in all%n",
          head.seq() - before, writeSeconds, (head.seq() - before) / writeSeconds, head.seq());

      started = System.nanoTime();
      long folded = 0;
      for (int n; (n = get(aggregates.catchUp(DOMAIN, BATCH))) > 0; ) {
        folded += n;
      }
      double followSeconds = (System.nanoTime() - started) / 1e9;
      System.out.printf("aggregates: %,d events folded in %.1f s (%,.0f events/s)%n", folded, followSeconds,
          folded / Math.max(followSeconds, 1e-9));
      get(aggregates.analyze()); // as autovacuum would; this test server runs with autovacuum off

      long end = LocalDate.of(2025, 1, 1).plusDays(firstDay + days).atStartOfDay(ZONE).toInstant().toEpochMilli();
      long yearFrom = end - 365 * DAY;
      long monthFrom = end - 30 * DAY;
      for (int i = 0; i < repeats; i++) {
        long t0 = System.nanoTime();
        Reports year = report(journal, aggregates, yearFrom, end, Reports.Interval.DAY);
        int rows = year.queues().size();
        long t1 = System.nanoTime();
        Reports month = report(journal, aggregates, monthFrom, end, Reports.Interval.DAY);
        int agents = month.agents().size();
        long t2 = System.nanoTime();
        System.out.printf("run %d: year per-queue daily %d rows in %.0f ms; month per-agent %d rows in %.0f ms%n",
            i + 1, rows, (t1 - t0) / 1e6, agents, (t2 - t1) / 1e6);
      }
      if (fold) {
        long t0 = System.nanoTime();
        Reports whole = new Reports(yearFrom, end, Reports.Interval.DAY, ZONE, 20, end, null);
        long events = foldAll(journal, whole);
        System.out.printf("the old path, the whole journal folded (%,d events): %d rows in %.0f ms%n", events,
            whole.queues().size(), (System.nanoTime() - t0) / 1e6);
      }
      get(journal.close());
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  /** A report as the API makes it from the aggregates: their sums, then the journal after their position. */
  private static Reports report(PgJournal journal, PgReportAggregates aggregates, long from, long to,
      Reports.Interval interval) throws Exception {
    Reports r = new Reports(from, to, interval, ZONE, 20, to, null);
    PgReportAggregates.Period period = PgReportAggregates.period(r, from, to, 20).orElseThrow();
    PgReportAggregates.Position position = get(aggregates.read(DOMAIN, period, r));
    for (long after = position.seq(); ; ) {
      List<StoredEvent> page = get(journal.stored(DOMAIN, after, BATCH));
      page.forEach(e -> r.accept(e.recorded()));
      if (page.size() < BATCH) {
        return r;
      }
      after = page.get(page.size() - 1).seq();
    }
  }

  private static long foldAll(PgJournal journal, Reports r) throws Exception {
    long count = 0;
    for (long after = 0; ; ) {
      List<StoredEvent> page = get(journal.stored(DOMAIN, after, BATCH));
      page.forEach(e -> r.accept(e.recorded()));
      count += page.size();
      if (page.size() < BATCH) {
        return count;
      }
      after = page.get(page.size() - 1).seq();
    }
  }

  private static JournalHead write(PgJournal journal, JournalHead head, List<Recorded> events) throws Exception {
    for (int i = 0; i < events.size(); i += BATCH) {
      List<JournalEntry> batch = new ArrayList<>(BATCH);
      long seq = head.seq();
      for (Recorded r : events.subList(i, Math.min(events.size(), i + BATCH))) {
        batch.add(new JournalEntry(DOMAIN, ++seq, r));
      }
      head = get(journal.append(head, batch));
    }
    return head;
  }

  /** One day of the centre: agents come and go, contacts arrive, wait, are answered or hang up, are handled, rated. */
  static List<Recorded> day(int dayIndex, int contacts) {
    Random rnd = new Random(dayIndex);
    LocalDate date = LocalDate.of(2025, 1, 1).plusDays(dayIndex);
    long open = date.atTime(8, 0).atZone(ZONE).toInstant().toEpochMilli();
    long close = open + 12 * 3_600_000L;
    List<Recorded> out = new ArrayList<>(contacts * 6 + AGENTS * 2);
    for (int a = 0; a < AGENTS; a++) {
      out.add(new Recorded(open - 60_000 + a, "agent:a" + a, new Event.AgentStatusChanged("a" + a, AgentStatus.AVAILABLE, null, null)));
      out.add(new Recorded(close + 600_000 + a, "agent:a" + a, new Event.AgentStatusChanged("a" + a, AgentStatus.OFFLINE, null, null)));
    }
    for (int c = 0; c < contacts; c++) {
      String id = "d" + dayIndex + "-" + c;
      String queue = "q" + rnd.nextInt(QUEUES);
      String agent = "a" + rnd.nextInt(AGENTS);
      long at = open + (long) (rnd.nextDouble() * (close - open));
      ContactSpec spec = new ContactSpec(id, Channel.VOICE, queue, Map.of(), 0,
          new Customer("cust-" + rnd.nextInt(50_000), null, null, 3, null), Map.of(), null, null, null, null, null,
          null, null, null, null);
      out.add(new Recorded(at, "telephony", new Event.ContactQueued(spec)));
      long deadline = at + 20_000;
      out.add(new Recorded(at, "router", new Event.SlaStarted(id, "queue:" + queue,
          new SlaPolicy(20, 80, SlaPolicy.TimeBasis.ELAPSED, null, 80, List.of()), at, deadline, at + 16_000, List.of())));
      long wait = (long) (-Math.log(1 - rnd.nextDouble()) * 25_000);
      if (rnd.nextInt(100) < 8) {
        out.add(new Recorded(at + wait, "telephony", new Event.ContactAbandoned(id)));
        continue;
      }
      String offer = "o-" + id;
      out.add(new Recorded(at + wait, "router", new Event.OfferMade(offer, id, agent, at + wait + 15_000, List.of())));
      long answer = at + wait + 1_000 + rnd.nextInt(6_000);
      out.add(new Recorded(answer, "agent:" + agent, new Event.OfferAccepted(offer, id, agent)));
      long done = answer + 60_000 + rnd.nextInt(540_000);
      out.add(new Recorded(done, "agent:" + agent, new Event.ContactCompleted(id, agent, "resolved", null, null)));
      if (rnd.nextInt(100) < 30) {
        out.add(new Recorded(done + 60_000, "survey", new Event.SurveyRecorded(id, agent, queue, 1 + rnd.nextInt(5),
            rnd.nextInt(11), null)));
      }
    }
    out.sort(Comparator.comparingLong(Recorded::at));
    return out;
  }

  private static <T> T get(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  static String when(long millis) {
    return Instant.ofEpochMilli(millis).atOffset(ZoneOffset.UTC).toString();
  }
}

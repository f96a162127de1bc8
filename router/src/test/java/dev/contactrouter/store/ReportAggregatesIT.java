package dev.contactrouter.store;

import static dev.contactrouter.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.core.CentreTraffic;
import dev.contactrouter.core.Event;
import dev.contactrouter.core.RandomRun;
import dev.contactrouter.core.Recorded;
import dev.contactrouter.core.Reports;
import dev.contactrouter.testing.TestVertx;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The reports' aggregates in a real PostgreSQL equal today's fold: after a random event stream
 * (the core's random run of every kind of command) journaled to PostgreSQL and followed part of
 * the way, in batches of random size by a follower started anew for every batch (its state only
 * in the database), a report summed from the aggregates with the journal after their position
 * folded in has the same queue, agent, complaint and headline figures as the core's {@link
 * Reports} folding the whole journal, for every interval, several time zones (half- and
 * quarter-hour offsets, daylight saving), thresholds and periods; and verification recomputes
 * the aggregates from the journal and finds no difference.
 */
class ReportAggregatesIT {
  private static final long STEP = PgReportAggregates.INTERVAL_MILLIS;
  private static final List<ZoneId> ZONES = List.of(ZoneId.of("UTC"), ZoneId.of("Asia/Kolkata"),
      ZoneId.of("Asia/Kathmandu"), ZoneId.of("America/New_York"));
  private static final int[] THRESHOLDS = {20, 5, 60, 3600};
  private static final AtomicInteger DOMAINS = new AtomicInteger();

  private static Vertx vertx;
  private static TestDatabase database;
  private static PgJournal journal;
  private static Pool sql;

  @BeforeContainer
  static void start() {
    vertx = TestVertx.create();
    database = TestDatabase.create(vertx, "aggregates");
    journal = await(PgJournal.connect(vertx, database.url(), 4, 5_000));
    sql = database.pool();
  }

  @AfterContainer
  static void stop() {
    await(sql.close());
    await(journal.close());
    database.close();
    await(vertx.close());
  }

  @Property(tries = 16)
  void aggregatesAnswerAsTheFoldDoes(@ForAll long seed, @ForAll @IntRange(min = 30, max = 400) int steps,
      @ForAll @IntRange(min = 1, max = 80) int batch, @ForAll @IntRange(min = 0, max = 100) int followedPercent,
      @ForAll boolean everyKind, @ForAll boolean fromMemory) {
    List<Recorded> events = stream(seed, steps, everyKind);
    String domain = "d" + DOMAINS.incrementAndGet();
    append(domain, events);
    int target = events.size() * followedPercent / 100;
    int followed = fromMemory ? followFromMemory(domain, target, batch) : follow(domain, target, batch);
    assertThat(followed).isLessThanOrEqualTo(events.size());

    PgReportAggregates aggregates = journal.reportAggregates();
    assertThat(await(aggregates.verify(domain, 100, 50))).isEmpty();

    long first = events.get(0).at();
    long last = events.get(events.size() - 1).at();
    Random rnd = new Random(seed);
    for (Reports.Interval interval : Reports.Interval.values()) {
      for (int i = 0; i < 4; i++) {
        ZoneId zone = ZONES.get(rnd.nextInt(ZONES.size()));
        int sla = THRESHOLDS[rnd.nextInt(THRESHOLDS.length)];
        long from = Math.floorDiv(first, STEP) * STEP + STEP * (rnd.nextInt(6) - 2);
        long to = switch (rnd.nextInt(3)) {
          case 0 -> Math.floorDiv(last, STEP) * STEP + STEP * (1 + rnd.nextInt(3)); // past the end, on an edge
          case 1 -> last + 1 + rnd.nextInt(100_000); // past every event, inside an interval
          default -> from + STEP * (1 + rnd.nextInt(12)); // on an edge, possibly inside the run
        };
        long asOf = last + rnd.nextInt(600_000);
        compare(domain, events, new Params(from, to, interval, zone, sla, asOf));
      }
    }
  }

  /**
   * Events of the core's random run of every kind of command, or of a small centre's traffic (many
   * answers, handling times and surveys); some contacts' SLA clocks left out, so the answer
   * threshold asked for decides theirs.
   */
  private static List<Recorded> stream(long seed, int steps, boolean everyKind) {
    List<Recorded> events = everyKind ? RandomRun.of(seed, steps).events() : CentreTraffic.of(seed, steps);
    Random rnd = new Random(seed);
    return events.stream().filter(r -> !(r.event() instanceof Event.SlaStarted) || rnd.nextBoolean()).toList();
  }

  @Example
  void aRebuildStartsFromNothingAndComesBackToTheSame() {
    List<Recorded> events = CentreTraffic.of(7, 300);
    String domain = "rebuild" + DOMAINS.incrementAndGet();
    append(domain, events);
    // First from what the journal just appended, in memory; the rebuild below reads the journal.
    assertThat(followFromMemory(domain, events.size(), 64)).isEqualTo(events.size());
    PgReportAggregates aggregates = journal.reportAggregates();
    assertThat(await(aggregates.verify(domain, 100, 50))).isEmpty();
    long rows = count("report_queue_intervals", domain);
    assertThat(rows).isPositive();
    Reports whole = new Reports(0, Long.MAX_VALUE, Reports.Interval.HOUR, ZoneId.of("UTC"), 20, Long.MAX_VALUE, null);
    events.forEach(whole::accept);
    assertThat(whole.headline().answered()).as("the run answers contacts").isPositive();
    assertThat(whole.headline().surveys()).as("the run records surveys").isPositive();

    // A stored figure edited behind the follower's back is found, then a rebuild restores it.
    await(sql.preparedQuery("UPDATE report_queue_intervals SET offered = offered + 1 WHERE domain = $1"
        + " AND bucket = (SELECT min(bucket) FROM report_queue_intervals WHERE domain = $1)").execute(Tuple.of(domain)));
    assertThat(await(aggregates.verify(domain, 100, 50))).anySatisfy(d -> assertThat(d).contains("offered journal"));
    await(aggregates.reset(domain));
    assertThat(await(aggregates.position(domain)).seq()).isZero();
    assertThat(count("report_queue_intervals", domain)).isZero();
    follow(domain, events.size(), 2_000);
    assertThat(await(aggregates.verify(domain, 100, 50))).isEmpty();
    assertThat(count("report_queue_intervals", domain)).isEqualTo(rows);
    assertThat(await(aggregates.position(domain)).seq()).isEqualTo(events.size());
  }

  private record Params(long from, long to, Reports.Interval interval, ZoneId zone, int sla, long asOf) {}

  private static void compare(String domain, List<Recorded> events, Params p) {
    Reports folded = reports(p);
    events.forEach(folded::accept);

    Reports summed = reports(p);
    PgReportAggregates.Period period = PgReportAggregates.period(summed, p.from(), p.to(), p.sla()).orElseThrow();
    PgReportAggregates.Position position = await(journal.reportAggregates().read(domain, period, summed));
    assertThat(period.answeredAt(position)).as("%s at %s", p, position).isTrue();
    events.subList((int) position.seq(), events.size()).forEach(summed::accept);

    assertThat(summed.queues()).as("queues %s", p).isEqualTo(folded.queues());
    assertThat(summed.agents()).as("agents %s", p).isEqualTo(folded.agents());
    assertThat(summed.complaints()).as("complaints %s", p).isEqualTo(folded.complaints());
    assertThat(summed.headline()).as("headline %s", p).isEqualTo(folded.headline());
    assertThat(summed.accounts()).as("accounts %s", p).isEqualTo(folded.accounts());
  }

  private static Reports reports(Params p) {
    return new Reports(p.from(), p.to(), p.interval(), p.zone(), p.sla(), p.asOf(), null);
  }

  private static void append(String domain, List<Recorded> events) {
    JournalHead head = await(journal.open(domain));
    for (int start = 0; start < events.size(); start += 500) {
      List<JournalEntry> batch = new ArrayList<>();
      for (int i = start; i < Math.min(events.size(), start + 500); i++) {
        batch.add(new JournalEntry(domain, i + 1, events.get(i)));
      }
      head = await(journal.append(head, batch));
    }
  }

  /** Follows up to {@code events} events in batches, each by a follower of its own (a restart between batches). */
  private static int follow(String domain, int events, int batch) {
    int done = 0;
    for (int round = 0; round < 10_000 && done < events; round++) {
      PgReportAggregates follower = PgReportAggregates.connect(vertx, database.url(), 1, 5_000);
      try {
        int n = await(follower.catchUp(domain, Math.min(batch, events - done)));
        if (n == 0) {
          break;
        }
        done += n;
      } finally {
        await(follower.close());
      }
    }
    return done;
  }

  /**
   * Follows up to {@code events} events in batches by the journal's own follower, which folds what
   * the journal appended from memory (the append above appended every event of the domain).
   */
  private static int followFromMemory(String domain, int events, int batch) {
    PgReportAggregates follower = journal.reportAggregates();
    int done = 0;
    for (int round = 0; round < 10_000 && done < events; round++) {
      int n = await(follower.catchUp(domain, Math.min(batch, events - done)));
      if (n == 0) {
        break;
      }
      done += n;
    }
    return done;
  }

  private static long count(String table, String domain) {
    return await(sql.preparedQuery("SELECT count(*) FROM " + table + " WHERE domain = $1").execute(Tuple.of(domain)))
        .iterator().next().getLong(0);
  }
}

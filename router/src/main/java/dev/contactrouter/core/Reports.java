package dev.contactrouter.core;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The centre's figures, folded from a domain's journal: feed it every {@link Recorded} event in
 * order ({@link #accept}) and read the reports. Pure and independent of where the events come
 * from (the in-memory journal, PostgreSQL, a file), so a report over the same events is always the
 * same report.
 *
 * <p>Definitions. A <em>segment</em> is one stay of a contact in one queue, from its arrival or a
 * transfer in until it is answered (an agent accepts it), abandoned or moved on; queue figures
 * belong to the interval in which the segment began. Offered: segments begun. Answered within
 * target: answered by the contact's SLA deadline when it had one, else within {@code slaSeconds}.
 * Service level: answered within target ÷ (answered + abandoned), in percent. Average speed of
 * answer: mean wait of answered segments. Average handling time: mean time from answer to
 * completion (or to a transfer away) of the segments answered. Longest wait: the longest of
 * answered, abandoned, moved-on and (at {@code asOf}) still-waiting segments. Agent figures
 * belong to the period when they happened: contacts completed, handling time, response speed
 * (offer to accept), answer rate (offers accepted of offers made) and the surveys about them.
 * Satisfaction index: the share of surveys with CSAT 4 or 5, in percent (the manual's target is
 * 90); NPS: promoters (9–10) minus detractors (0–6), in percent of NPS answers.
 */
public final class Reports {

  /** The length of a queue report's intervals. */
  public enum Interval implements WireName {
    MIN15("15m"), HOUR("hour"), DAY("day");

    private final String wire;

    Interval(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }

    public static Optional<Interval> fromWire(String wire) {
      return WireName.fromWire(values(), wire);
    }
  }

  public record QueueRow(
      String queue, long intervalStart, long intervalEnd, long offered, long answered, long abandoned,
      long transferredOut, long answeredWithinTarget, Double serviceLevel, Double averageSpeedOfAnswerSeconds,
      Double averageHandleSeconds, double longestWaitSeconds, long surveys, Double csatAverage, Double nps) {}

  public record AgentRow(
      String agentId, long handled, double handleSeconds, Double averageHandleSeconds, long offers, long accepted,
      Double averageResponseSeconds, Double answerRate, long surveys, Double csatAverage, Double nps,
      Map<String, Double> components, Double score) {}

  public record ComplaintSummary(
      long opened, long closed, long open, Map<String, Long> byClass, Map<String, Long> bySeverity,
      long withResult, Double averageHandlingHours, Double averageClosureHours, long withinDeadline,
      Double withinDeadlinePercent, long breachedOpen, Handling handling, long reopened) {}

  /** The manual's headline complaint KPI: a result given within 48 hours of the case's opening. */
  public static final long HANDLING_TARGET_MILLIS = 48 * 3_600_000L;

  /**
   * The complaint KPI end to end, case opened to result given, in elapsed hours (the customer's
   * clock, whatever the stages' business-time deadlines say), over the cases opened in the period.
   *
   * @param cases cases given their result
   * @param within48h of those, the ones given it within 48 hours of opening
   * @param share {@code within48h} ÷ {@code cases} in percent; null without cases
   * @param averageHours mean opened-to-result time; null without cases
   * @param p90Hours the 90th percentile (nearest rank) of it; null without cases
   * @param overdueWithoutResult cases still without a result 48 hours or more after opening, when
   *     the report is made (or at the end of the period, if earlier): misses already, not yet in
   *     {@code cases}
   */
  public record Handling(long cases, long within48h, Double share, Double averageHours, Double p90Hours,
      long overdueWithoutResult) {}

  public record Headline(
      long offered, long answered, long abandoned, Double serviceLevel, long surveys, Double satisfactionIndex,
      Double csatAverage, Double nps, Double averageResponseSeconds, Double averageHandleSeconds,
      long complaintsOpened, Double complaintHandlingHours) {}

  private final long from;
  private final long to;
  private final Interval interval;
  private final ZoneId zone;
  private final long slaMillis;
  private final long asOf;
  private ServiceRules.ScoreWeights weights;
  private final boolean weightsGiven;

  private final ReportFold fold = new ReportFold(new InPeriod());
  private final Map<String, Map<Long, QueueAcc>> queueRows = new TreeMap<>();
  private final Map<String, AgentAcc> agentRows = new TreeMap<>();
  private final Acc total = new Acc();
  private final AccountOpeningReport accounts;

  /**
   * @param from start of the period (epoch millis, inclusive)
   * @param to end of the period (exclusive)
   * @param zone the time zone intervals are aligned in (a day is a local day)
   * @param slaSeconds the answer target for contacts without an SLA policy
   * @param asOf the time the report is made, for contacts still waiting
   * @param weights the composite score's weights, or null for those of the rules in the journal
   */
  public Reports(long from, long to, Interval interval, ZoneId zone, int slaSeconds, long asOf,
      ServiceRules.ScoreWeights weights) {
    this.from = from;
    this.to = to;
    this.interval = interval;
    this.zone = zone;
    this.slaMillis = slaSeconds * 1000L;
    this.asOf = asOf;
    this.weights = weights == null ? ServiceRules.ScoreWeights.DEFAULTS : weights;
    this.weightsGiven = weights != null;
    this.accounts = new AccountOpeningReport(from, to, asOf);
  }

  // ------------------------------------------------------------------ folding

  private static class Acc {
    long offered;
    long answered;
    long abandoned;
    long transferredOut;
    long withinTarget;
    long waitMillis;
    long handled;
    long handleMillis;
    long longestWaitMillis;
    long surveys;
    long csatSum;
    long satisfied;
    long npsAnswers;
    long promoters;
    long detractors;

    void survey(int csat, Integer nps) {
      surveys++;
      csatSum += csat;
      if (csat >= 4) {
        satisfied++;
      }
      if (nps != null) {
        npsAnswers++;
        if (nps >= 9) {
          promoters++;
        } else if (nps <= 6) {
          detractors++;
        }
      }
    }

    void add(SurveySums s) {
      surveys += s.surveys();
      csatSum += s.csatSum();
      satisfied += s.satisfied();
      npsAnswers += s.npsAnswers();
      promoters += s.promoters();
      detractors += s.detractors();
    }

    Double csatAverage() {
      return surveys == 0 ? null : round(csatSum / (double) surveys);
    }

    Double nps() {
      return npsAnswers == 0 ? null : round(100.0 * (promoters - detractors) / npsAnswers);
    }

    Double serviceLevel() {
      long decided = answered + abandoned;
      return decided == 0 ? null : round(100.0 * withinTarget / decided);
    }
  }

  private static final class QueueAcc extends Acc {}

  private static final class AgentAcc extends Acc {
    long offers;
    long accepted;
    long responseMillis;
  }

  /** Survey figures summed elsewhere (the PostgreSQL aggregates). */
  public record SurveySums(long surveys, long csatSum, long satisfied, long npsAnswers, long promoters,
      long detractors) {}

  /** A queue's figures over some of a report interval, summed elsewhere; answered within target already decided. */
  public record QueueSums(long offered, long answered, long abandoned, long transferredOut, long withinTarget,
      long waitMillis, long handled, long handleMillis, long longestWaitMillis, SurveySums surveys) {}

  /** An agent's figures over some of the period, summed elsewhere. */
  public record AgentSums(long offers, long accepted, long responseMillis, long handled, long handleMillis,
      SurveySums surveys) {}

  /** Folds one event, in journal order. */
  public void accept(Recorded r) {
    if (!accounts.accept(r.event(), r.at())) {
      fold.accept(r);
    }
  }

  /** The account-opening part, to put back cases kept elsewhere ({@link AccountOpeningReport#restore}). */
  public AccountOpeningReport accountCases() {
    return accounts;
  }

  /** The fold's per-contact state, to put back what a stored aggregate carried ({@link ReportFold#restoreContact}). */
  public ReportFold fold() {
    return fold;
  }

  /** Adds figures of the period summed elsewhere, for the interval holding {@code at} (an instant in the period). */
  public void add(String queue, long at, QueueSums s) {
    for (Acc acc : new Acc[] {queueRow(queue, at), total}) {
      acc.offered += s.offered();
      acc.answered += s.answered();
      acc.abandoned += s.abandoned();
      acc.withinTarget += s.withinTarget();
      acc.waitMillis += s.waitMillis();
      acc.handled += s.handled();
      acc.handleMillis += s.handleMillis();
      acc.longestWaitMillis = Math.max(acc.longestWaitMillis, s.longestWaitMillis());
      acc.add(s.surveys());
    }
    queueRow(queue, at).transferredOut += s.transferredOut();
  }

  /** Adds an agent's figures of the period summed elsewhere. */
  public void add(String agentId, AgentSums s) {
    AgentAcc a = agent(agentId);
    a.offers += s.offers();
    a.accepted += s.accepted();
    a.responseMillis += s.responseMillis();
    a.handled += s.handled();
    a.handleMillis += s.handleMillis();
    a.add(s.surveys());
  }

  /** The composite score's weights as the journal left them (unless the report was given its own). */
  public void weights(ServiceRules.ScoreWeights w) {
    if (!weightsGiven && w != null) {
      weights = w;
    }
  }

  /** What each event contributes, counted if it belongs to the period. */
  private final class InPeriod implements ReportFold.Figures {
    @Override
    public void offered(String queue, long segmentStart) {
      if (inPeriod(segmentStart)) {
        queueRow(queue, segmentStart).offered++;
        total.offered++;
      }
    }

    @Override
    public void answered(String queue, long segmentStart, long wait, Boolean metDeadline) {
      if (!inPeriod(segmentStart)) {
        return;
      }
      boolean met = metDeadline != null ? metDeadline : wait <= slaMillis;
      for (Acc acc : new Acc[] {queueRow(queue, segmentStart), total}) {
        acc.answered++;
        acc.waitMillis += wait;
        acc.longestWaitMillis = Math.max(acc.longestWaitMillis, wait);
        if (met) {
          acc.withinTarget++;
        }
      }
    }

    @Override
    public void abandoned(String queue, long segmentStart, long wait) {
      if (inPeriod(segmentStart)) {
        for (Acc acc : new Acc[] {queueRow(queue, segmentStart), total}) {
          acc.abandoned++;
          acc.longestWaitMillis = Math.max(acc.longestWaitMillis, wait);
        }
      }
    }

    @Override
    public void transferredOut(String queue, long segmentStart, long wait) {
      if (inPeriod(segmentStart)) {
        Acc q = queueRow(queue, segmentStart);
        q.transferredOut++;
        q.longestWaitMillis = Math.max(q.longestWaitMillis, wait);
      }
    }

    @Override
    public void handled(String queue, long segmentStart, String agentId, long at, long handle, boolean completed) {
      if (inPeriod(segmentStart)) {
        for (Acc acc : new Acc[] {queueRow(queue, segmentStart), total}) {
          acc.handled++;
          acc.handleMillis += handle;
        }
      }
      if (agentId != null && inPeriod(at)) {
        AgentAcc a = agent(agentId);
        a.handleMillis += handle;
        if (completed) {
          a.handled++;
        }
      }
    }

    @Override
    public void offerMade(String agentId, long at) {
      if (inPeriod(at)) {
        agent(agentId).offers++;
      }
    }

    @Override
    public void offerAccepted(String agentId, long at, long responseMillis) {
      if (inPeriod(at)) {
        AgentAcc a = agent(agentId);
        a.accepted++;
        a.responseMillis += responseMillis;
      }
    }

    @Override
    public void survey(String queue, String handledBy, long at, int csat, Integer nps) {
      if (inPeriod(at)) {
        total.survey(csat, nps);
        if (handledBy != null) {
          agent(handledBy).survey(csat, nps);
        }
        queueRow(queue, at).survey(csat, nps);
      }
    }

    @Override
    public void weights(ServiceRules.ScoreWeights w) {
      Reports.this.weights(w);
    }
  }

  private boolean inPeriod(long at) {
    return at >= from && at < to;
  }

  private QueueAcc queueRow(String queue, long at) {
    return queueRows.computeIfAbsent(queue, q -> new TreeMap<>()).computeIfAbsent(bucket(at), b -> new QueueAcc());
  }

  private AgentAcc agent(String id) {
    return agentRows.computeIfAbsent(id, k -> new AgentAcc());
  }

  /** The start of the interval holding {@code at}, aligned in the report's time zone. */
  public long bucket(long at) {
    ZonedDateTime t = Instant.ofEpochMilli(at).atZone(zone);
    ZonedDateTime start = switch (interval) {
      case MIN15 -> t.truncatedTo(ChronoUnit.HOURS).plusMinutes(t.getMinute() / 15 * 15L);
      case HOUR -> t.truncatedTo(ChronoUnit.HOURS);
      case DAY -> t.toLocalDate().atStartOfDay(zone);
    };
    return start.toInstant().toEpochMilli();
  }

  public long bucketEnd(long start) {
    ZonedDateTime t = Instant.ofEpochMilli(start).atZone(zone);
    return switch (interval) {
      case MIN15 -> t.plusMinutes(15).toInstant().toEpochMilli();
      case HOUR -> t.plusHours(1).toInstant().toEpochMilli();
      case DAY -> t.plusDays(1).toInstant().toEpochMilli();
    };
  }

  // ------------------------------------------------------------------ reading

  /** One row per queue and interval with any activity, ordered by queue then time. */
  public List<QueueRow> queues() {
    Map<String, Map<Long, Long>> stillWaiting = new HashMap<>();
    long until = Math.min(asOf, to);
    for (ReportFold.Contact t : fold.contacts()) {
      if (t.waiting() && inPeriod(t.segmentStart()) && until > t.segmentStart()) {
        stillWaiting.computeIfAbsent(t.queue(), q -> new HashMap<>())
            .merge(bucket(t.segmentStart()), until - t.segmentStart(), Math::max);
      }
    }
    List<QueueRow> out = new ArrayList<>();
    queueRows.forEach((queue, rows) -> rows.forEach((start, a) -> {
      long longest = Math.max(a.longestWaitMillis,
          stillWaiting.getOrDefault(queue, Map.of()).getOrDefault(start, 0L));
      out.add(new QueueRow(queue, start, bucketEnd(start), a.offered, a.answered, a.abandoned, a.transferredOut,
          a.withinTarget, a.serviceLevel(), a.answered == 0 ? null : round(a.waitMillis / 1000.0 / a.answered),
          a.handled == 0 ? null : round(a.handleMillis / 1000.0 / a.handled), round(longest / 1000.0), a.surveys,
          a.csatAverage(), a.nps()));
    }));
    return out;
  }

  /** One row per agent with any activity in the period, ordered by id, with the composite score. */
  public List<AgentRow> agents() {
    long busiest = 0;
    for (AgentAcc a : agentRows.values()) {
      busiest = Math.max(busiest, a.handled);
    }
    List<AgentRow> out = new ArrayList<>();
    for (Map.Entry<String, AgentAcc> entry : agentRows.entrySet()) {
      AgentAcc a = entry.getValue();
      Double response = a.accepted == 0 ? null : round(a.responseMillis / 1000.0 / a.accepted);
      Double answerRate = a.offers == 0 ? null : round(100.0 * a.accepted / a.offers);
      Map<String, Double> components = new LinkedHashMap<>();
      if (a.surveys > 0) {
        components.put("satisfaction", round((a.csatSum / (double) a.surveys - 1) / 4 * 100));
      }
      if (response != null) {
        components.put("responseSpeed",
            round(100 * Math.max(0, 1 - a.responseMillis / 1000.0 / a.accepted / weights.responseTargetSeconds())));
      }
      if (busiest > 0) {
        components.put("volume", round(100.0 * a.handled / busiest));
      }
      if (answerRate != null) {
        components.put("answerRate", answerRate);
      }
      out.add(new AgentRow(entry.getKey(), a.handled, round(a.handleMillis / 1000.0),
          a.handled == 0 ? null : round(a.handleMillis / 1000.0 / a.handled), a.offers, a.accepted, response, answerRate,
          a.surveys, a.csatAverage(), a.nps(), components, score(components)));
    }
    return out;
  }

  private Double score(Map<String, Double> components) {
    double sum = 0;
    double weight = 0;
    for (Map.Entry<String, Double> c : components.entrySet()) {
      double w = switch (c.getKey()) {
        case "satisfaction" -> weights.satisfaction();
        case "responseSpeed" -> weights.responseSpeed();
        case "volume" -> weights.volume();
        default -> weights.answerRate();
      };
      sum += w * c.getValue();
      weight += w;
    }
    return weight == 0 ? null : round(sum / weight);
  }

  /** Complaint cases opened in the period. */
  public ComplaintSummary complaints() {
    long opened = 0;
    long closed = 0;
    long withResult = 0;
    long within = 0;
    long breachedOpen = 0;
    long handling = 0;
    long closure = 0;
    Map<String, Long> byClass = new TreeMap<>();
    Map<String, Long> bySeverity = new TreeMap<>();
    List<Long> handlingTimes = new ArrayList<>();
    long overdue = 0;
    long reopened = 0;
    for (ReportFold.Case c : fold.cases()) {
      if (!inPeriod(c.openedAt())) {
        continue;
      }
      opened++;
      reopened += c.reopened() ? 1 : 0;
      byClass.merge(c.kind() == null ? "unclassified" : c.kind(), 1L, Long::sum);
      bySeverity.merge(c.severity(), 1L, Long::sum);
      if (c.resultAt() != null) {
        withResult++;
        handling += c.resultAt() - c.openedAt();
        handlingTimes.add(c.resultAt() - c.openedAt());
        if (!c.breachedBeforeResult()) {
          within++;
        }
      }
      if (c.closedAt() != null) {
        closed++;
        closure += c.closedAt() - c.openedAt();
      } else if (c.breached()) {
        breachedOpen++;
      }
      if (c.resultAt() == null && Math.min(asOf, to) - c.openedAt() >= HANDLING_TARGET_MILLIS) {
        overdue++;
      }
    }
    return new ComplaintSummary(opened, closed, opened - closed, byClass, bySeverity, withResult,
        withResult == 0 ? null : round(handling / 3_600_000.0 / withResult),
        closed == 0 ? null : round(closure / 3_600_000.0 / closed), within,
        withResult == 0 ? null : round(100.0 * within / withResult), breachedOpen, handling(handlingTimes, overdue),
        reopened);
  }

  private static Handling handling(List<Long> millis, long overdue) {
    if (millis.isEmpty()) {
      return new Handling(0, 0, null, null, null, overdue);
    }
    List<Long> sorted = millis.stream().sorted().toList();
    long within = sorted.stream().filter(m -> m <= HANDLING_TARGET_MILLIS).count();
    double sum = sorted.stream().mapToLong(Long::longValue).sum();
    long p90 = sorted.get((int) Math.ceil(0.9 * sorted.size()) - 1);
    return new Handling(sorted.size(), within, round(100.0 * within / sorted.size()),
        round(sum / 3_600_000.0 / sorted.size()), round(p90 / 3_600_000.0), overdue);
  }

  /** Account-opening cases received in the period: working days to open, against the manual's limit. */
  public AccountOpeningReport.Summary accounts() {
    return accounts.summary();
  }

  /** The centre's headline figures over the period. */
  public Headline headline() {
    ComplaintSummary c = complaints();
    return new Headline(total.offered, total.answered, total.abandoned, total.serviceLevel(), total.surveys,
        total.surveys == 0 ? null : round(100.0 * total.satisfied / total.surveys), total.csatAverage(), total.nps(),
        total.answered == 0 ? null : round(total.waitMillis / 1000.0 / total.answered),
        total.handled == 0 ? null : round(total.handleMillis / 1000.0 / total.handled), c.opened(),
        c.averageHandlingHours());
  }

  static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "Reports[%s..%s %s]", Instant.ofEpochMilli(from), Instant.ofEpochMilli(to),
        interval.wire());
  }
}

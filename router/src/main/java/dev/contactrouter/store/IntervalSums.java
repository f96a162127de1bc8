package dev.contactrouter.store;

import dev.contactrouter.core.ReportFold;
import dev.contactrouter.core.ServiceRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of a run of events per 15-minute interval (UTC-aligned epoch milliseconds): per
 * queue (by the segment's start, surveys by their time) and per agent (by the event's time), as
 * the columns of {@code report_queue_intervals} and {@code report_agent_intervals} (migration V6)
 * hold them. Answers of contacts without an SLA deadline are counted per threshold edge ({@link
 * #SLA_EDGES}), so any of those thresholds can be applied when a report is asked for.
 */
final class IntervalSums implements ReportFold.Figures {
  static final long INTERVAL_MILLIS = 15 * 60_000L;
  /** The answer thresholds (seconds) a report from the aggregates applies exactly. */
  static final int[] SLA_EDGES = {5, 10, 15, 20, 25, 30, 40, 45, 60, 90, 120, 180, 240, 300, 600, 900, 1200, 1800, 3600};

  static final List<String> QUEUE_COLUMNS = queueColumns();
  static final List<String> AGENT_COLUMNS = List.of("offers", "accepted", "response_ms", "handled", "handle_ms",
      "surveys", "csat_sum", "satisfied", "nps_answers", "promoters", "detractors");
  /** Queue columns summed by taking the greatest rather than adding. */
  static final String LONGEST = "longest_wait_ms";

  // A figure's place in a row is its column's place in the table: found by name, never kept in step by hand.
  private static final int Q_OFFERED = QUEUE_COLUMNS.indexOf("offered");
  private static final int Q_ANSWERED = QUEUE_COLUMNS.indexOf("answered");
  private static final int Q_ABANDONED = QUEUE_COLUMNS.indexOf("abandoned");
  private static final int Q_TRANSFERRED = QUEUE_COLUMNS.indexOf("transferred_out");
  private static final int Q_MET_DEADLINE = QUEUE_COLUMNS.indexOf("met_deadline");
  private static final int Q_WITHIN = QUEUE_COLUMNS.indexOf(within(SLA_EDGES[0]));
  private static final int Q_WAIT = QUEUE_COLUMNS.indexOf("wait_ms");
  private static final int Q_HANDLED = QUEUE_COLUMNS.indexOf("handled");
  private static final int Q_HANDLE = QUEUE_COLUMNS.indexOf("handle_ms");
  private static final int Q_LONGEST = QUEUE_COLUMNS.indexOf(LONGEST);
  private static final int Q_SURVEYS = QUEUE_COLUMNS.indexOf("surveys");

  private static final int A_OFFERS = AGENT_COLUMNS.indexOf("offers");
  private static final int A_ACCEPTED = AGENT_COLUMNS.indexOf("accepted");
  private static final int A_RESPONSE = AGENT_COLUMNS.indexOf("response_ms");
  private static final int A_HANDLED = AGENT_COLUMNS.indexOf("handled");
  private static final int A_HANDLE = AGENT_COLUMNS.indexOf("handle_ms");
  private static final int A_SURVEYS = AGENT_COLUMNS.indexOf("surveys");

  private static List<String> queueColumns() {
    List<String> q = new ArrayList<>(List.of("offered", "answered", "abandoned", "transferred_out", "met_deadline"));
    for (int edge : SLA_EDGES) {
      q.add(within(edge));
    }
    q.addAll(List.of("wait_ms", "handled", "handle_ms", "longest_wait_ms", "surveys", "csat_sum", "satisfied",
        "nps_answers", "promoters", "detractors"));
    return List.copyOf(q);
  }

  /** A row's key: interval start and queue or agent. */
  record Key(long bucket, String name) implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      int c = Long.compare(bucket, o.bucket);
      return c != 0 ? c : name.compareTo(o.name);
    }
  }

  private final Map<Key, long[]> queues = new TreeMap<>();
  private final Map<Key, long[]> agents = new TreeMap<>();
  private ServiceRules.ScoreWeights weights;
  private boolean weightsSeen;

  static String within(int edgeSeconds) {
    return "within_" + edgeSeconds + "s";
  }

  static boolean isEdge(int slaSeconds) {
    return Arrays.stream(SLA_EDGES).anyMatch(e -> e == slaSeconds);
  }

  static long bucket(long at) {
    return Math.floorDiv(at, INTERVAL_MILLIS) * INTERVAL_MILLIS;
  }

  Map<Key, long[]> queues() {
    return queues;
  }

  Map<Key, long[]> agents() {
    return agents;
  }

  /** The weights of the last rules configured in the run, if any were. */
  boolean weightsSeen() {
    return weightsSeen;
  }

  ServiceRules.ScoreWeights weights() {
    return weights;
  }

  private long[] queue(String queue, long at) {
    return queues.computeIfAbsent(new Key(bucket(at), queue), k -> new long[QUEUE_COLUMNS.size()]);
  }

  private long[] agent(String agentId, long at) {
    return agents.computeIfAbsent(new Key(bucket(at), agentId), k -> new long[AGENT_COLUMNS.size()]);
  }

  @Override
  public void offered(String queue, long segmentStart) {
    queue(queue, segmentStart)[Q_OFFERED]++;
  }

  @Override
  public void answered(String queue, long segmentStart, long waitMillis, Boolean metDeadline) {
    long[] q = queue(queue, segmentStart);
    q[Q_ANSWERED]++;
    q[Q_WAIT] += waitMillis;
    q[Q_LONGEST] = Math.max(q[Q_LONGEST], waitMillis);
    if (metDeadline != null) {
      if (metDeadline) {
        q[Q_MET_DEADLINE]++;
      }
      return;
    }
    for (int i = 0; i < SLA_EDGES.length; i++) {
      if (waitMillis <= SLA_EDGES[i] * 1000L) {
        q[Q_WITHIN + i]++;
      }
    }
  }

  @Override
  public void abandoned(String queue, long segmentStart, long waitMillis) {
    long[] q = queue(queue, segmentStart);
    q[Q_ABANDONED]++;
    q[Q_LONGEST] = Math.max(q[Q_LONGEST], waitMillis);
  }

  @Override
  public void transferredOut(String queue, long segmentStart, long waitMillis) {
    long[] q = queue(queue, segmentStart);
    q[Q_TRANSFERRED]++;
    q[Q_LONGEST] = Math.max(q[Q_LONGEST], waitMillis);
  }

  @Override
  public void handled(String queue, long segmentStart, String agentId, long at, long handleMillis, boolean completed) {
    long[] q = queue(queue, segmentStart);
    q[Q_HANDLED]++;
    q[Q_HANDLE] += handleMillis;
    if (agentId != null) {
      long[] a = agent(agentId, at);
      a[A_HANDLE] += handleMillis;
      if (completed) {
        a[A_HANDLED]++;
      }
    }
  }

  @Override
  public void offerMade(String agentId, long at) {
    agent(agentId, at)[A_OFFERS]++;
  }

  @Override
  public void offerAccepted(String agentId, long at, long responseMillis) {
    long[] a = agent(agentId, at);
    a[A_ACCEPTED]++;
    a[A_RESPONSE] += responseMillis;
  }

  @Override
  public void survey(String queue, String handledBy, long at, int csat, Integer nps) {
    survey(queue(queue, at), Q_SURVEYS, csat, nps);
    if (handledBy != null) {
      survey(agent(handledBy, at), A_SURVEYS, csat, nps);
    }
  }

  /** surveys, csat_sum, satisfied, nps_answers, promoters, detractors from {@code first} on, as core Reports counts them. */
  private static void survey(long[] row, int first, int csat, Integer nps) {
    row[first]++;
    row[first + 1] += csat;
    if (csat >= 4) {
      row[first + 2]++;
    }
    if (nps != null) {
      row[first + 3]++;
      if (nps >= 9) {
        row[first + 4]++;
      } else if (nps <= 6) {
        row[first + 5]++;
      }
    }
  }

  @Override
  public void weights(ServiceRules.ScoreWeights w) {
    weights = w;
    weightsSeen = true;
  }
}

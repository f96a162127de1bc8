package dev.contactrouter.core;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Time spent in each service stage (§1.2.2) and where contacts stall, folded from a domain's
 * journal like {@link Reports}: feed it every {@link Recorded} event in order ({@link #accept})
 * and read {@link #rows}.
 *
 * <p>Definitions. A <em>stay</em> is one contact's time in one stage: from its arrival (intake) or
 * the {@code contact_stage_advanced} that put it there, until the next stage or until the contact
 * ended (completed or abandoned). Per stage: {@code entered}, the stays begun in the period
 * [from, to); of those, {@code left}, the ones over by the time the report is made, with their
 * average and 90th-percentile (nearest rank) length in seconds. {@code current}: the contacts in
 * the stage now (not ended, whenever they entered it) and the one there longest: where contacts
 * stall.
 */
public final class StageReport {

  /**
   * One stage's figures.
   *
   * @param averageSeconds mean length of the stays in {@code left}; null without any
   * @param p90Seconds their 90th percentile (nearest rank); null without any
   * @param oldestContactId the contact in the stage longest now, or null when none is
   * @param oldestSeconds how long it has been there, or null
   */
  public record Row(ServiceStage stage, long entered, long left, Double averageSeconds, Double p90Seconds,
      long current, String oldestContactId, Long oldestEnteredAt, Double oldestSeconds) {}

  /** A contact's current stay. */
  private record Stay(ServiceStage stage, long since) {}

  private final long from;
  private final long to;
  private final long asOf;
  private final Map<String, Stay> open = new HashMap<>();
  private final Map<ServiceStage, Long> entered = new EnumMap<>(ServiceStage.class);
  private final Map<ServiceStage, List<Long>> lengths = new EnumMap<>(ServiceStage.class);

  /**
   * @param from start of the period (epoch millis, inclusive)
   * @param to end of the period (exclusive)
   * @param asOf the time the report is made: how long the contacts still in a stage have been there
   */
  public StageReport(long from, long to, long asOf) {
    this.from = from;
    this.to = to;
    this.asOf = asOf;
    for (ServiceStage s : ServiceStage.values()) {
      entered.put(s, 0L);
      lengths.put(s, new ArrayList<>());
    }
  }

  public void accept(Recorded r) {
    Event event = r.event();
    if (event instanceof Event.ContactQueued e) {
      enter(e.contactId(), ServiceStage.INTAKE, r.at());
    } else if (event instanceof Event.ContactStageAdvanced e) {
      leave(e.contactId(), r.at());
      enter(e.contactId(), e.stage(), r.at());
    } else if (event instanceof Event.ContactCompleted || event instanceof Event.ContactAbandoned) {
      leave(event.contactId(), r.at());
    }
  }

  private void enter(String contactId, ServiceStage stage, long at) {
    Stay stay = new Stay(stage, at);
    open.put(contactId, stay);
    if (begunInPeriod(stay)) {
      entered.merge(stage, 1L, Long::sum);
    }
  }

  private void leave(String contactId, long at) {
    Stay stay = open.remove(contactId);
    if (stay != null && begunInPeriod(stay)) {
      lengths.get(stay.stage()).add(at - stay.since());
    }
  }

  private boolean begunInPeriod(Stay stay) {
    return stay.since() >= from && stay.since() < to;
  }

  /** One row per stage, in the manual's order. */
  public List<Row> rows() {
    Map<ServiceStage, Long> current = new EnumMap<>(ServiceStage.class);
    Map<ServiceStage, Map.Entry<String, Stay>> oldest = new EnumMap<>(ServiceStage.class);
    for (Map.Entry<String, Stay> e : open.entrySet()) {
      ServiceStage s = e.getValue().stage();
      current.merge(s, 1L, Long::sum);
      Map.Entry<String, Stay> o = oldest.get(s);
      if (o == null || e.getValue().since() < o.getValue().since()
          || (e.getValue().since() == o.getValue().since() && e.getKey().compareTo(o.getKey()) < 0)) {
        oldest.put(s, e);
      }
    }
    List<Row> rows = new ArrayList<>();
    for (ServiceStage s : ServiceStage.values()) {
      List<Long> sorted = lengths.get(s).stream().sorted().toList();
      Double average = sorted.isEmpty() ? null
          : Reports.round(sorted.stream().mapToLong(Long::longValue).sum() / 1000.0 / sorted.size());
      Double p90 = sorted.isEmpty() ? null
          : Reports.round(sorted.get((int) Math.ceil(0.9 * sorted.size()) - 1) / 1000.0);
      Map.Entry<String, Stay> o = oldest.get(s);
      rows.add(new Row(s, entered.get(s), sorted.size(), average, p90, current.getOrDefault(s, 0L),
          o == null ? null : o.getKey(), o == null ? null : o.getValue().since(),
          o == null ? null : Reports.round(Math.max(0, asOf - o.getValue().since()) / 1000.0)));
    }
    return rows;
  }
}

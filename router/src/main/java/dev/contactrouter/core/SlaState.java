package dev.contactrouter.core;

import java.util.ArrayList;
import java.util.List;

/**
 * One contact's SLA clock as {@link ContactRecord} rebuilds it from the journal. The live domain
 * keeps the same in {@link ContactState}'s own fields ({@code sla}, {@code slaNext}, {@code
 * slaBreached} and its {@code Later} part), without an object per contact in each copy.
 */
final class SlaState {
  final String source;
  final SlaPolicy policy;
  final List<SlaPolicy.Threshold> points;
  final long startedAt;
  final long deadline;
  final List<Long> dueAt;
  /** Index of the next point to reach; {@code points.size()} once all are reached. */
  int next;
  boolean breached;
  /** When an agent first accepted the contact: the answer-time SLA stops there. */
  Long answeredAt;
  /** An overflow reached while the contact was ringing: it moves there if the offer comes back. */
  String pendingOverflow;
  /** The points reached, oldest first: none until the first (most contacts are answered before any). */
  private List<SlaView.Fired> fired = List.of();

  SlaState(Event.SlaStarted e) {
    this.source = e.source();
    this.policy = e.policy();
    this.points = e.policy().points();
    this.startedAt = e.startedAt();
    this.deadline = e.deadline();
    this.dueAt = e.dueAt();
  }

  /** The points reached, oldest first (read-only; {@link #fire} adds). */
  List<SlaView.Fired> fired() {
    return fired;
  }

  /** Notes a point reached: the list is made at the first, as most clocks stop before any. */
  void fire(SlaView.Fired point) {
    if (fired.isEmpty()) {
      fired = new ArrayList<>(2);
    }
    fired.add(point);
  }

  /** Whether the clock runs until the contact is handled (completed), not only answered: a major contact's. */
  boolean untilHandled() {
    return MajorContacts.SOURCE.equals(source);
  }

  /** Whether the clock still runs: not answered, and points left to reach. */
  boolean running() {
    return answeredAt == null && next < points.size();
  }
}

package dev.contactrouter.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A queue's starvation bound, from its aging rate: how long after a contact arrives another one
 * may still arrive and be offered before it. A waiting contact gains {@code agingRate} points a
 * second, so a later arrival whose priority is higher by the largest gap that can occur loses its
 * lead after gap ÷ rate seconds; every contact arriving later than that goes after it.
 * {@code AgingPropertyTest} proves the bound for a single queue and agent.
 *
 * @param agingRate the queue's priority points per second of waiting
 * @param largestPriorityGap the most one contact's priority can exceed another's in this queue: a
 *     contact's own priority (0–100), a major contact's raise, and the most any SLA policy that
 *     can apply here (the queue's, a category's, the manual's major one) raises it on the way
 * @param passedOverSeconds {@code largestPriorityGap ÷ agingRate}, or null when the rate is 0 (a
 *     strict-priority queue, which guarantees nothing to its lowest priorities)
 */
public record AgingBound(double agingRate, int largestPriorityGap, Double passedOverSeconds) {

  /** The widest range of a contact's own priority. */
  static final int CONTACT_PRIORITY_RANGE = 100;

  static AgingBound of(QueueSpec queue, Collection<CategorySpec> categories) {
    List<SlaPolicy> policies = new ArrayList<>();
    policies.add(queue.sla());
    policies.add(MajorContacts.POLICY);
    categories.forEach(c -> policies.add(c.sla()));
    int raised = 0;
    for (SlaPolicy p : policies) {
      raised = Math.max(raised, raisedBy(p));
    }
    int gap = CONTACT_PRIORITY_RANGE + MajorContacts.PRIORITY_BOOST + raised;
    Double seconds = queue.agingRate() > 0 ? gap / queue.agingRate() : null;
    return new AgingBound(queue.agingRate(), gap, seconds);
  }

  private static int raisedBy(SlaPolicy policy) {
    int by = 0;
    if (policy != null) {
      for (SlaPolicy.Threshold t : policy.thresholds()) {
        if (t.action() == SlaPolicy.Action.RAISE_PRIORITY) {
          by += t.by();
        }
      }
    }
    return by;
  }
}

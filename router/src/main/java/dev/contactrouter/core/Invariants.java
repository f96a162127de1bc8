package dev.contactrouter.core;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ObjIntConsumer;

/**
 * The domain's invariants, checked against the state itself: who holds which contact within
 * capacity and channel, the matcher against the contacts' statuses, the lines' order, SLA clocks,
 * compliance holds and complaint work items. Run after every step of the property tests and on
 * every restore.
 */
final class Invariants extends DomainPart {
  private final Map<String, CaseState> cases;

  Invariants(DomainState state, ComplaintCases complaintCases) {
    super(state);
    this.cases = complaintCases.cases;
  }

  /**
   * Checks the state against itself (after exchange-core's {@code validateInternalState}): every
   * held contact belongs to exactly one agent within its capacity, and the matcher agrees with the
   * contacts' statuses. Throws {@link IllegalStateException} on the first violation.
   */
  void checkInvariants() {
    Map<String, String> holder = new HashMap<>();
    int queued = 0;
    int offered = 0;
    for (ContactState c : contacts.values()) {
      switch (c.status) {
        case QUEUED -> queued++;
        case OFFERED -> {
          offered++;
          require(offers.containsKey(c.offerId()), "offered contact %s has no offer", c.id());
          require(agents.get(c.offerAgent()).offers.containsKey(c.offerId()), "offer %s not on its agent", c.offerId());
          require(holder.put(c.id(), c.offerAgent()) == null, "contact %s held twice", c.id());
        }
        case ASSIGNED -> {
          require(agents.get(c.later.agentId).contacts.contains(c.id()),
              "assigned contact %s not on its agent", c.id());
          require(holder.put(c.id(), c.later.agentId) == null, "contact %s held twice", c.id());
        }
        default -> require(c.offerId() == null && c.later.agentId == null || c.status == ContactStatus.COMPLETED,
            "ended contact %s still held", c.id());
      }
    }
    require(queued == matcher.waiting(), "matcher has %d queued, state has %d", matcher.waiting(), queued);
    int inLines = 0;
    for (QueueState q : queues.values()) {
      ContactState before = null;
      for (ContactState c : q.present) {
        require(c.queue.equals(q.spec.id()) && (c.status == ContactStatus.QUEUED || c.status == ContactStatus.OFFERED),
            "contact %s (%s in %s) in the line of queue %s", c.id(), c.status, c.queue, q.spec.id());
        require(before == null || QueueLine.compare(before, c) < 0, "line of queue %s out of order at %s",
            q.spec.id(), c.id());
        before = c;
        inLines++;
      }
    }
    require(inLines == queued + offered, "lines hold %d contacts, %d wait or ring", inLines, queued + offered);
    LineCheck lines = new LineCheck();
    for (WaitingIndex.GroupKey line : matcher.lines()) {
      lines.start(line);
      require(matcher.walk(line, null, Integer.MAX_VALUE, lines) == null, "line %s did not end", line);
    }
    require(lines.seen == queued, "the lines hold %d contacts, state has %d queued", lines.seen, queued);
    checkCustomers();
    for (ContactState c : contacts.values()) {
      if (c.sla != null) {
        List<SlaPolicy.Threshold> points = c.sla.policy().points();
        require(c.slaNext <= points.size(), "contact %s past its last SLA point", c.id());
        require(c.slaBreached == (c.slaNext > points.indexOf(
            new SlaPolicy.Threshold(100, SlaPolicy.Action.BREACH, 0, null))), "contact %s breach flag", c.id());
      }
    }
    for (ContactState c : contacts.values()) {
      if (c.held && !c.status.terminal()) {
        require(c.queue.equals(c.later.heldIn), "held contact %s left its review queue", c.id());
        require(c.status != ContactStatus.OFFERED || c.group.requirement().licences().equals(
            queues.get(c.later.heldIn).spec.licences()), "held contact %s offered under its gates", c.id());
      }
    }
    require(retired.size() <= state.retention.endedContacts(), "%d ended contacts held, retention is %d",
        retired.size(), state.retention.endedContacts());
    long closedCases = cases.values().stream().filter(k -> !k.open()).count();
    require(closedCases <= state.retention.closedCases(), "%d closed cases held, retention is %d", closedCases,
        state.retention.closedCases());
    for (CaseState k : cases.values()) {
      if (k.workContactId != null && k.open()) {
        ContactState work = contacts.get(k.workContactId);
        require(work != null && !work.status.terminal(), "case %s lost its work item", k.id);
      }
    }
    for (AgentState a : agents.values()) {
      int held = a.offers.size() + a.contacts.size();
      require(held == a.held, "agent %s holds %d but counts %d", a.id(), held, a.held);
      if (held > 0) {
        for (String id : a.contacts) {
          require(contacts.get(id).channel() == a.activeChannel, "agent %s mixes channels", a.id());
        }
        for (String id : a.offers.values()) {
          require(contacts.get(id).channel() == a.activeChannel, "agent %s mixes channels", a.id());
        }
      }
    }
  }

  /**
   * One walk along every line: each holds queued contacts of its own, strictly in {@link
   * WaitingIndex#ORDER}, at consecutive places. A key or group changed while a line held the
   * contact shows here (a sorted line does not notice it itself). O(waiting) in all.
   */
  /** Every contact with a customer is indexed under it once, and the index holds nothing else. */
  private void checkCustomers() {
    int[] indexed = {0};
    byCustomer.forEach((customer, c) -> {
      require(contacts.get(c.id()) == c, "customer %s indexes contact %s, not held", customer, c.id());
      require(customer.equals(c.spec.customer().id()), "contact %s indexed under customer %s", c.id(), customer);
      indexed[0]++;
    });
    long withCustomer = contacts.values().stream().filter(c -> c.spec.customer().id() != null).count();
    require(indexed[0] == withCustomer, "customers index %d contacts, %d have a customer", indexed[0], withCustomer);
  }

  private static final class LineCheck implements ObjIntConsumer<ContactState> {
    private WaitingIndex.GroupKey line;
    private ContactState previous;
    private int place;
    private int seen;

    void start(WaitingIndex.GroupKey next) {
      line = next;
      previous = null;
      place = 0;
    }

    @Override
    public void accept(ContactState c, int position) {
      require(c.status == ContactStatus.QUEUED, "contact %s is %s but in a line", c.id(), c.status);
      require(line.equals(c.group), "contact %s is in a line not its own", c.id());
      require(previous == null || WaitingIndex.ORDER.compare(previous, c) < 0, "contact %s out of order after %s",
          c.id(), previous == null ? null : previous.id());
      require(position == ++place, "contact %s at place %d, the walk's %d", c.id(), position, place);
      previous = c;
      seen++;
    }
  }

  static void require(boolean ok, String message, Object... args) {
    if (!ok) {
      throw new IllegalStateException(String.format(Locale.ROOT, message, args));
    }
  }
}

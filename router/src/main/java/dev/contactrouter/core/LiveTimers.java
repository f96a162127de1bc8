package dev.contactrouter.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The timers the current state needs (offer timeouts, SLA points, routing stages, return visits,
 * complaint deadlines, ends of wrap-up), derived from the state alone: re-armed after a restart
 * or a lost timer store.
 */
final class LiveTimers extends DomainPart {
  private final Map<String, FollowUp> followUps;
  private final Map<String, CaseState> cases;

  LiveTimers(DomainState state, ReturnVisits returnVisits, ComplaintCases complaintCases) {
    super(state);
    this.followUps = returnVisits.followUps;
    this.cases = complaintCases.cases;
  }

  /** Every timer the current state needs: re-armed after a restart or a lost timer store. */
  List<Timers.Timer> liveTimers() {
    return dueBefore(Long.MAX_VALUE);
  }

  /**
   * The live timers due before {@code at}: what the reconciler looks for every half minute. Only
   * those are built; with half a million contacts waiting, building every timer (a key string and
   * a command each) to keep the few overdue ones held the writer for hundreds of milliseconds.
   */
  List<Timers.Timer> dueBefore(long at) {
    List<Timers.Timer> timers = new ArrayList<>();
    for (ContactState c : contacts.values()) {
      contactDueBefore(c, at, timers);
    }
    othersDueBefore(at, timers);
    return timers;
  }

  /** One contact's live timers due before {@code at}, added to {@code out}. */
  static void contactDueBefore(ContactState c, long at, List<Timers.Timer> out) {
    if (c.status == ContactStatus.OFFERED && c.offerExpiresAt() < at) {
      out.add(Timers.offerTimeout(c.offerId(), c.offerExpiresAt()));
    }
    if (c.slaRunning() && !c.status.terminal()) {
      long due = c.sla.dueAt().get(c.slaNext);
      if (due < at) {
        out.add(Timers.slaPoint(c.id(), c.slaNext, due));
      }
    }
    Long stageUntil = c.later.stageUntil;
    if (stageUntil != null && !c.status.terminal() && c.status != ContactStatus.ASSIGNED && stageUntil < at) {
      out.add(Timers.routingStage(c.id(), c.routeStage, c.later.stageUntil));
    }
  }

  /** The live timers due before {@code at} that belong to no contact, added to {@code out}. */
  void othersDueBefore(long at, List<Timers.Timer> timers) {
    for (FollowUp f : followUps.values()) {
      if (f.dueAt() < at) {
        timers.add(Timers.followUp(f.id(), f.dueAt()));
      }
    }
    for (CaseState k : cases.values()) {
      Long due = k.open() ? k.nextDue() : null;
      if (due != null && due < at) {
        timers.add(Timers.caseDeadline(k.id, k.stage, k.nextPoint, due));
      }
    }
    for (AgentState a : agents.values()) {
      if (a.status == AgentStatus.WRAP_UP && a.wrapUpUntil != null && a.wrapUpUntil < at) {
        timers.add(Timers.wrapUpEnd(a.id(), a.wrapUpUntil));
      }
    }
  }
}

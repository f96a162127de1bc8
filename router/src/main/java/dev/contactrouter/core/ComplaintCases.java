package dev.contactrouter.core;

import static dev.contactrouter.core.Refusals.conflict;
import static dev.contactrouter.core.Refusals.forbidden;
import static dev.contactrouter.core.Refusals.invalid;
import static dev.contactrouter.core.Refusals.notFound;
import static dev.contactrouter.core.RoutingDomain.ROUTER;
import static dev.contactrouter.core.SlaClocks.pointAt;

import dev.contactrouter.core.ComplianceGates.Screen;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Complaint cases (§5.3 of the manual): intake, classification, investigation, result and the
 * customer's feedback, each stage a routed work item with its own deadline (graded: major,
 * system fault and trade exception cases are capped by an overall limit), closed only once the
 * feedback is recorded, then followed by a return visit. Owns the cases: every open one and the
 * newest {@link Retention#closedCases} closed ones (the oldest closed are dropped from memory; the
 * journal, the audit trail and the complaints report keep them).
 */
final class ComplaintCases extends RulePart {
  /** Which closed case memory lets go of first: the earliest closed, then the smallest id. */
  private static final Comparator<CaseState> CLOSING_ORDER =
      Comparator.<CaseState>comparingLong(k -> k.closedAt).thenComparing(k -> k.id);

  /** Complaint cases by id: every open one, and the closed ones retention keeps. */
  final Map<String, CaseState> cases = new TreeMap<>();
  /** The closed cases held, in {@link #CLOSING_ORDER}. */
  private final TreeSet<CaseState> closed = new TreeSet<>(CLOSING_ORDER);

  ComplaintCases(Parts parts) {
    super(parts);
  }

  Decision openComplaint(Step step, Command.OpenComplaint c) {
    ServiceRules.Complaints cp = state.rules.complaints();
    if (cp.queue() == null || !queues.containsKey(cp.queue())) {
      return conflict("complaint cases are not configured (PUT /v1/rules complaints.queue)");
    }
    if (cases.containsKey(c.caseId())) {
      return conflict("case '" + c.caseId() + "' already exists");
    }
    Decision origin = CaseOrigin.refusal(contacts, c.contactId(), c.byAgent(), "a complaint");
    if (origin != null) {
      return origin;
    }
    ContactState source = c.contactId() == null ? null : contacts.get(c.contactId());
    Customer customer = source != null ? source.spec.customer() : c.customer() == null ? Customer.ANONYMOUS : c.customer();
    Channel channel = source != null ? source.spec.channel() : c.channel();
    if (channel == null) {
      return invalid("name the contact or the channel the complaint came in on", "/channel");
    }
    if (c.summary() == null || c.summary().isBlank()) {
      return invalid("a complaint needs a summary", "/summary");
    }
    Decision bad = workRefusal(c.caseId(), 0, Complaint.Stage.INTAKE, cp.queue(), customer, step.now);
    if (bad != null) {
      return bad;
    }
    step.emit(new Event.CaseOpened(c.caseId(), customer, c.contactId(), channel, c.summary(), c.kind(),
        c.severity() == null ? Complaint.Severity.NORMAL : c.severity(), step.actor));
    CaseState kase = cases.get(c.caseId());
    startStage(step, kase, Complaint.Stage.INTAKE, cp.queue(), null);
    return step.done(new Reply.CaseReply(caseView(kase, step.now)));
  }

  /** The routed work item of a case's stage: back-office work by email, talking to the customer by callback. */
  private static ContactSpec workItem(String caseId, int round, Complaint.Stage stage, String queue, Customer customer,
      Complaint.Severity severity, String preferredAgent) {
    Channel channel = stage == Complaint.Stage.INTAKE || stage == Complaint.Stage.INVESTIGATION
        ? Channel.EMAIL : Channel.CALLBACK;
    Map<String, String> attrs = new TreeMap<>();
    attrs.put("caseId", caseId);
    attrs.put("caseStage", stage.wire());
    // A reopened case's work items are new contacts: the first round's stay in its history.
    String id = caseId + "-" + stage.wire() + (round == 0 ? "" : "-" + (round + 1));
    return new ContactSpec(id, channel, queue, null,
        severity == Complaint.Severity.MAJOR ? 50 : 0, customer, attrs, null, null, null, null, null, null, null,
        preferredAgent, null);
  }

  /** Why a stage's work item could not be routed in {@code queue}, or null. */
  Decision workRefusal(String caseId, int round, Complaint.Stage stage, String queue, Customer customer, long now) {
    if (queue == null) {
      return conflict("complaint cases are not configured (PUT /v1/rules complaints.queue)");
    }
    QueueState q = queues.get(queue);
    if (q == null) {
      return invalid("unknown queue '" + queue + "'", "/department");
    }
    ContactSpec spec = workItem(caseId, round, stage, queue, customer, Complaint.Severity.NORMAL, null);
    if (q.spec.channel() != null && q.spec.channel() != spec.channel()) {
      return invalid("queue '" + queue + "' does not take " + spec.channel().wire() + " work", "/department");
    }
    if (contacts.containsKey(spec.id())) {
      return conflict("work item '" + spec.id() + "' already exists");
    }
    return parts.gates.screen(spec, q, q, now).refusal();
  }

  /**
   * Starts a stage: its deadline (capped by the case's overall limit, counted from the opening or
   * from the last reopening) and its routed work item.
   */
  void startStage(Step step, CaseState kase, Complaint.Stage stage, String queue, String preferredAgent) {
    ServiceRules.Complaints cp = state.rules.complaints();
    CalendarSpec calendar = cp.calendar() == null ? null : calendars.get(cp.calendar());
    Long deadline = null;
    Long nearAt = null;
    Integer limit = switch (stage) {
      case INTAKE -> cp.acknowledgeSeconds();
      case INVESTIGATION -> cp.investigateSeconds();
      case RESULT -> cp.resultSeconds();
      default -> null;
    };
    if (limit != null) {
      long own = pointAt(calendar, step.now, limit * 1000L, 100);
      Integer overall = overallLimit(cp, kase.kind, kase.severity);
      deadline = overall == null ? own : Math.min(own, pointAt(calendar, kase.roundStartedAt(), overall * 1000L, 100));
      long span = Math.max(0, deadline - step.now);
      nearAt = Math.min(deadline, step.now + span * cp.nearBreachPercent() / 100);
    }
    ContactSpec spec = workItem(kase.id, kase.reopened(), stage, queue, kase.customer, kase.severity, preferredAgent);
    QueueState q = queues.get(queue);
    Screen screen = parts.gates.screen(spec, q, q, step.now);
    parts.intake.admit(step, screen, null);
    step.emit(ROUTER, new Event.CaseStageStarted(kase.id, stage, spec.id(), deadline, nearAt));
  }

  /** A graded case's limit from opening to result, or null: major 1 h, system fault 4 h, trade exception 24 h. */
  private static Integer overallLimit(ServiceRules.Complaints cp, Complaint.Kind kind, Complaint.Severity severity) {
    Integer limit = null;
    if (severity == Complaint.Severity.MAJOR) {
      limit = cp.majorSeconds();
    }
    if (kind == Complaint.Kind.SYSTEM_FAULT) {
      limit = limit == null ? cp.systemFaultSeconds() : Math.min(limit, cp.systemFaultSeconds());
    }
    if (kind == Complaint.Kind.TRADE_EXCEPTION) {
      limit = limit == null ? cp.tradeExceptionSeconds() : Math.min(limit, cp.tradeExceptionSeconds());
    }
    return limit;
  }

  private static Complaint.Step nextStep(CaseState kase) {
    return switch (kase.stage) {
      case INTAKE -> Complaint.Step.CLASSIFY;
      case INVESTIGATION -> Complaint.Step.INVESTIGATE;
      case RESULT -> Complaint.Step.RESULT;
      case FEEDBACK -> kase.satisfied == null ? Complaint.Step.FEEDBACK : Complaint.Step.CLOSE;
      default -> null;
    };
  }

  Decision advanceComplaint(Step step, Command.AdvanceComplaint c) {
    CaseState kase = cases.get(c.caseId());
    if (kase == null) {
      return notFound("no complaint case '" + c.caseId() + "' (memory holds open cases and the newest "
          + state.retention.closedCases() + " closed ones)");
    }
    if (!kase.open()) {
      return conflict("case is closed");
    }
    Complaint.Step expected = nextStep(kase);
    if (c.step() == Complaint.Step.CLOSE && expected == Complaint.Step.FEEDBACK) {
      return conflict("a case closes only once the customer's feedback is recorded (closed loop)");
    }
    if (c.step() != expected) {
      return conflict("case is in stage " + kase.stage.wire() + "; its next step is " + expected.wire());
    }
    ContactState work = kase.workContactId == null ? null : contacts.get(kase.workContactId);
    if (c.step() == Complaint.Step.CLOSE) {
      if (c.byAgent() != null && !c.byAgent().equals(kase.feedbackBy)) {
        return forbidden("only the agent who recorded the feedback, or a supervisor, closes the case");
      }
    } else {
      if (work == null || work.status != ContactStatus.ASSIGNED) {
        return conflict("the " + kase.stage.wire() + " work item is "
            + (work == null ? "gone" : work.status.wire()) + "; the agent it is assigned to takes this step");
      }
      if (c.byAgent() != null && !c.byAgent().equals(work.later.agentId)) {
        return forbidden("the " + kase.stage.wire() + " work item is assigned to another agent");
      }
    }
    ServiceRules.Complaints cp = state.rules.complaints();
    String department = null;
    switch (c.step()) {
      case CLASSIFY -> {
        if (c.kind() == null) {
          return invalid("classify names the complaint's class", "/class");
        }
        department = c.department() != null ? c.department() : cp.queue();
        Decision bad = workRefusal(kase.id, kase.reopened(), Complaint.Stage.INVESTIGATION, department, kase.customer,
            step.now);
        if (bad != null) {
          return bad;
        }
        if (c.agentId() != null && !agents.containsKey(c.agentId())) {
          return invalid("unknown agent '" + c.agentId() + "'", "/agentId");
        }
      }
      case INVESTIGATE, RESULT -> {
        if (c.note() == null || c.note().isBlank()) {
          return invalid(c.step() == Complaint.Step.INVESTIGATE
              ? "record the findings and proposed resolution in note" : "record the result given in note", "/note");
        }
        Complaint.Stage next = c.step() == Complaint.Step.INVESTIGATE ? Complaint.Stage.RESULT : Complaint.Stage.FEEDBACK;
        if (cp.queue() == null || !queues.containsKey(cp.queue())) {
          return conflict("complaint cases are not configured (PUT /v1/rules complaints.queue)");
        }
        Decision bad = workRefusal(kase.id, kase.reopened(), next, cp.queue(), kase.customer, step.now);
        if (bad != null) {
          return bad;
        }
      }
      case FEEDBACK -> {
        if (c.satisfied() == null) {
          return invalid("feedback records whether the customer is satisfied", "/satisfied");
        }
      }
      default -> { }
    }
    String workedBy = work == null ? null : work.later.agentId;
    if (work != null) {
      AgentState agent = agents.get(work.later.agentId);
      QueueSpec servedIn = queues.get(work.queue).spec;
      String serviceStage = c.step() == Complaint.Step.CLASSIFY ? "intake"
          : c.step() == Complaint.Step.INVESTIGATE ? null : "feedback";
      step.emit(new Event.ContactCompleted(work.id(), agent.id(), "complaint-" + c.step().wire(), c.note(), serviceStage));
      matching.afterRelease(step, agent, servedIn);
    }
    Complaint.Stage from = kase.stage;
    Complaint.Stage to = switch (c.step()) {
      case CLASSIFY -> Complaint.Stage.INVESTIGATION;
      case INVESTIGATE -> Complaint.Stage.RESULT;
      case RESULT, FEEDBACK -> Complaint.Stage.FEEDBACK;
      default -> Complaint.Stage.CLOSED;
    };
    Complaint.Severity severity = c.step() == Complaint.Step.CLASSIFY && c.severity() != null ? c.severity() : null;
    step.emit(new Event.CaseAdvanced(kase.id, c.step(), from, to, step.actor, workedBy, c.note(),
        c.step() == Complaint.Step.CLASSIFY ? c.kind() : null, severity, department, c.satisfied()));
    switch (c.step()) {
      case CLASSIFY -> startStage(step, kase, Complaint.Stage.INVESTIGATION, department, c.agentId());
      case INVESTIGATE -> startStage(step, kase, Complaint.Stage.RESULT, cp.queue(), kase.owner);
      case RESULT -> startStage(step, kase, Complaint.Stage.FEEDBACK, cp.queue(), workedBy);
      case CLOSE -> parts.returnVisits.scheduleReturnVisit(step,
          kase.id + "-rv" + (kase.reopened() == 0 ? "" : "-" + (kase.reopened() + 1)), kase.sourceContactId, kase.id, kase.customer,
          kase.feedbackBy != null ? kase.feedbackBy : kase.owner, state.rules.returnVisit().afterComplaintSeconds(),
          "return visit after complaint case " + kase.id + " closed");
      default -> { }
    }
    return step.done(new Reply.CaseReply(caseView(kase, step.now)));
  }

  Decision reachCaseDeadline(Step step, Command.ReachCaseDeadline c) {
    CaseState kase = cases.get(c.caseId());
    if (kase == null || !kase.open() || kase.stage != c.stage() || kase.nextPoint != c.point()
        || kase.nextDue() == null || step.now < kase.nextDue()) {
      return step.done(new Reply.Done()); // stale, repeated or early firing
    }
    while (kase.nextDue() != null && kase.nextDue() <= step.now) {
      boolean breach = kase.nextPoint == 1;
      Long next = breach ? null : kase.deadline;
      step.emit(new Event.CaseDeadlineReached(kase.id, kase.stage, breach, kase.deadline, next));
    }
    return step.done(new Reply.Done());
  }

  Optional<CaseView> complaint(String id, long now) {
    CaseState kase = cases.get(id);
    return kase == null ? Optional.empty() : Optional.of(caseView(kase, now));
  }

  /**
   * Complaint cases ordered by id; with {@code openOnly} only open ones, with {@code nearBreachOnly}
   * only those whose current stage is past its near mark or its deadline.
   */
  List<CaseView> complaints(long now, boolean openOnly, boolean nearBreachOnly) {
    List<CaseView> out = new ArrayList<>();
    for (CaseState kase : cases.values()) {
      CaseView v = caseView(kase, now);
      if (openOnly && !kase.open() || nearBreachOnly && !(v.nearBreach() || v.breachedNow())) {
        continue;
      }
      out.add(v);
    }
    return out;
  }

  static CaseView caseView(CaseState k, long now) {
    boolean near = k.open() && k.nearAt != null && !k.breachedNow && now >= k.nearAt;
    return new CaseView(k.id, k.stage, k.customer, k.sourceContactId, k.channel, k.summary, k.kind, k.severity,
        k.department, k.owner, k.openedAt, k.stageStartedAt, k.workContactId, k.deadline, k.nearAt, near, k.breachedNow,
        List.copyOf(k.breached), k.findings, k.result, k.satisfied, k.feedbackComment, k.resultAt, k.closedAt,
        List.copyOf(k.history));
  }

  /** Folds the events of these rules into the state; false for any other event. */
  boolean apply(Event event, long at) {
    if (event instanceof Event.CaseOpened e) {
      CaseState kase = new CaseState(e, at);
      kase.history.add(new CaseView.Transition(null, Complaint.Stage.INTAKE, null, at, e.by(), e.summary()));
      cases.put(kase.id, kase);
    } else if (event instanceof Event.CaseAdvanced e) {
      applyCaseAdvanced(e, at);
    } else if (event instanceof Event.CaseStageStarted e) {
      CaseState kase = cases.get(e.caseId());
      kase.stage = e.stage();
      kase.stageStartedAt = at;
      kase.workContactId = e.workContactId();
      kase.deadline = e.deadline();
      kase.nearAt = e.nearAt();
      kase.nextPoint = e.deadline() == null ? 2 : 0;
      kase.breachedNow = false;
    } else if (event instanceof Event.CaseDeadlineReached e) {
      CaseState kase = cases.get(e.caseId());
      kase.nextPoint++;
      if (e.breach()) {
        kase.breachedNow = true;
        kase.breached.add(e.stage());
      }
    } else {
      return false;
    }
    return true;
  }

  private void applyCaseAdvanced(Event.CaseAdvanced e, long at) {
    CaseState kase = cases.get(e.caseId());
    kase.history.add(new CaseView.Transition(e.from(), e.to(), e.step(), at, e.by(), e.note()));
    kase.stage = e.to();
    kase.workContactId = null;
    kase.deadline = null;
    kase.nearAt = null;
    kase.nextPoint = 2;
    switch (e.step()) {
      case CLASSIFY -> {
        kase.kind = e.kind();
        if (e.severity() != null) {
          kase.severity = e.severity();
        }
        kase.department = e.department();
        kase.owner = e.workedBy();
      }
      case INVESTIGATE -> kase.findings = e.note();
      case RESULT -> {
        kase.result = e.note();
        kase.resultAt = at;
      }
      case FEEDBACK -> {
        kase.satisfied = e.satisfied();
        kase.feedbackComment = e.note();
        kase.feedbackBy = e.workedBy();
      }
      case CLOSE -> {
        kase.closedAt = at;
        closed.add(kase);
        forgetOldestClosed();
      }
      case REOPEN -> {
        if (kase.closedAt != null) {
          closed.remove(kase); // ranked by its close: out before that is forgotten
        }
        kase.department = e.department() != null ? e.department() : kase.department;
        kase.result = null;
        kase.resultAt = null;
        kase.satisfied = null;
        kase.feedbackComment = null;
        kase.feedbackBy = null;
        kase.closedAt = null;
      }
      default -> { }
    }
  }

  /** Ranks the closed cases a snapshot brought back, and drops what this domain's retention does not keep. */
  void restored() {
    closed.clear();
    for (CaseState kase : cases.values()) {
      if (!kase.open()) {
        closed.add(kase);
      }
    }
    forgetOldestClosed();
  }

  /** Closed cases held in memory (open ones are always held). */
  int closedHeld() {
    return closed.size();
  }

  private void forgetOldestClosed() {
    while (closed.size() > state.retention.closedCases()) {
      cases.remove(closed.pollFirst().id);
    }
  }
}

package dev.contactrouter.core;

import static dev.contactrouter.core.Refusals.conflict;
import static dev.contactrouter.core.Refusals.forbidden;
import static dev.contactrouter.core.Refusals.invalid;
import static dev.contactrouter.core.Refusals.notFound;

import dev.contactrouter.core.ComplianceGates.Screen;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Account-opening cases (§1.3.1, §3.3, §4.1 of the manual): an application received from any
 * channel, then documents checked, suitability assessed, approved and the account active, within
 * {@link AccountOpening#LIMIT_WORKING_DAYS} working days of receipt in the rules' calendar. Each
 * step is asked for by a routed work item in the desk the rules name for it, and taken by the
 * agent holding that item (or a supervisor on its behalf), recorded with who and when. Owns the
 * cases: every open one and the newest {@link Retention#closedCases} active ones.
 */
final class AccountCases extends RulePart {
  private static final Comparator<AccountCaseView> ACTIVATION_ORDER =
      Comparator.<AccountCaseView>comparingLong(k -> k.activatedAt()).thenComparing(AccountCaseView::id);

  /** Cases by id, as immutable views replaced at each step. */
  final Map<String, AccountCaseView> cases = new TreeMap<>();
  private final TreeSet<AccountCaseView> active = new TreeSet<>(ACTIVATION_ORDER);

  AccountCases(Parts parts) {
    super(parts);
  }

  Decision openAccountCase(Step step, Command.OpenAccountCase c) {
    ServiceRules.AccountOpenings rules = state.rules.accountOpening();
    if (rules.queue() == null || !queues.containsKey(rules.queue())) {
      return conflict("account-opening cases are not configured (PUT /v1/rules accountOpening.queue)");
    }
    if (cases.containsKey(c.caseId()) || parts.complaintCases.cases.containsKey(c.caseId())) { // /v1/cases shares ids
      return conflict("case '" + c.caseId() + "' already exists");
    }
    Decision origin = CaseOrigin.refusal(contacts, c.contactId(), c.byAgent(), "an account-opening case");
    if (origin != null) {
      return origin;
    }
    ContactState source = c.contactId() == null ? null : contacts.get(c.contactId());
    Customer customer = source != null ? source.spec.customer() : c.customer();
    if (customer == null || customer.id() == null || customer.id().isBlank()) {
      return invalid("an account-opening case names the customer (customer.id)", "/customer");
    }
    Channel channel = source != null ? source.spec.channel() : c.channel();
    if (channel == null) {
      return invalid("name the contact or the channel the application came in on", "/channel");
    }
    AccountOpening.Step first = AccountOpening.Step.RECEIVED.next();
    Decision bad = workRefusal(c.caseId(), first, rules.deskFor(first), customer, step.now);
    if (bad != null) {
      return bad;
    }
    CalendarSpec calendar = rules.calendar() == null ? null : calendars.get(rules.calendar());
    long deadline = WorkingDays.after(calendar, step.now, rules.workingDays());
    long nearAt = step.now + Math.max(0, deadline - step.now) * rules.nearBreachPercent() / 100;
    ContactSpec work = workItem(c.caseId(), first, rules.deskFor(first), customer);
    step.emit(new Event.AccountCaseOpened(c.caseId(), customer, channel, c.contactId(), deadline, nearAt, work.id(),
        step.actor));
    route(step, work);
    return step.done(new Reply.AccountCaseReply(cases.get(c.caseId())));
  }

  Decision advanceAccountCase(Step step, Command.AdvanceAccountCase c) {
    AccountCaseView kase = cases.get(c.caseId());
    if (kase == null) {
      return notFound("no account-opening case '" + c.caseId() + "' (memory holds open cases and the newest "
          + state.retention.closedCases() + " active ones)");
    }
    if (!kase.open()) {
      return conflict("the account is already active");
    }
    AccountOpening.Step expected = kase.step().next();
    if (c.step() != expected) {
      return conflict("case is at step " + kase.step().wire() + "; its next step is " + expected.wire()
          + " (steps are taken in the manual's order)");
    }
    ContactState work = kase.workContactId() == null ? null : contacts.get(kase.workContactId());
    if (work == null || work.status != ContactStatus.ASSIGNED) {
      return conflict("the " + expected.wire() + " work item is " + (work == null ? "gone" : work.status.wire())
          + "; the agent it is assigned to takes this step");
    }
    if (c.byAgent() != null && !c.byAgent().equals(work.later.agentId)) {
      return forbidden("the " + expected.wire() + " work item is assigned to another agent");
    }
    ServiceRules.AccountOpenings rules = state.rules.accountOpening();
    AccountOpening.Step after = c.step().next();
    ContactSpec next = null;
    if (after != null) {
      String desk = rules.deskFor(after);
      Decision bad = workRefusal(kase.id(), after, desk, kase.customer(), step.now);
      if (bad != null) {
        return bad;
      }
      next = workItem(kase.id(), after, desk, kase.customer());
    }
    AgentState agent = agents.get(work.later.agentId);
    QueueSpec servedIn = queues.get(work.queue).spec;
    step.emit(new Event.ContactCompleted(work.id(), agent.id(), "account-" + c.step().wire(), c.note()));
    matching.afterRelease(step, agent, servedIn);
    Double days = null;
    if (after == null) {
      CalendarSpec calendar = rules.calendar() == null ? null : calendars.get(rules.calendar());
      days = WorkingDays.between(calendar, kase.openedAt(), step.now);
    }
    step.emit(new Event.AccountCaseAdvanced(kase.id(), c.step(), step.actor, agent.id(), c.note(),
        next == null ? null : next.id(), days));
    if (next != null) {
      route(step, next);
    }
    return step.done(new Reply.AccountCaseReply(cases.get(kase.id())));
  }

  /** The routed work item asking for {@code step}: back-office work, by email. */
  private static ContactSpec workItem(String caseId, AccountOpening.Step step, String queue, Customer customer) {
    Map<String, String> attrs = new TreeMap<>();
    attrs.put("caseId", caseId);
    attrs.put("caseType", "account_opening");
    attrs.put("caseStep", step.wire());
    return new ContactSpec(caseId + "-" + step.wire(), Channel.EMAIL, queue, null, 0, customer, attrs, null, null, null,
        null, null, null, null, null, null);
  }

  /** Why the work item asking for {@code step} could not be routed in {@code queue}, or null. */
  private Decision workRefusal(String caseId, AccountOpening.Step step, String queue, Customer customer, long now) {
    QueueState q = queues.get(queue);
    if (q == null) {
      return conflict("the desk for " + step.wire() + ", queue '" + queue + "', does not exist (PUT /v1/rules accountOpening)");
    }
    ContactSpec spec = workItem(caseId, step, queue, customer);
    if (q.spec.channel() != null && q.spec.channel() != spec.channel()) {
      return conflict("queue '" + queue + "' does not take email work (account-opening steps are back-office work)");
    }
    if (contacts.containsKey(spec.id())) {
      return conflict("work item '" + spec.id() + "' already exists");
    }
    return parts.gates.screen(spec, q, q, now).refusal();
  }

  private void route(Step step, ContactSpec work) {
    QueueState q = queues.get(work.queue());
    Screen screen = parts.gates.screen(work, q, q, step.now);
    parts.intake.admit(step, screen, null);
  }

  Optional<AccountCaseView> accountCase(String id) {
    return Optional.ofNullable(cases.get(id));
  }

  /** Cases ordered by id; only open ones, or only those near or past their deadline, if asked. */
  List<AccountCaseView> accountCases(long now, boolean openOnly, boolean nearBreachOnly) {
    List<AccountCaseView> out = new ArrayList<>();
    for (AccountCaseView k : cases.values()) {
      if (openOnly && !k.open() || nearBreachOnly && !(k.open() && (k.nearBreach(now) || k.breached(now)))) {
        continue;
      }
      out.add(k);
    }
    return out;
  }

  /** Folds the events of these rules into the state; false for any other event. */
  boolean apply(Event event, long at) {
    if (event instanceof Event.AccountCaseOpened e) {
      cases.put(e.caseId(), new AccountCaseView(e.caseId(), e.customer(), e.channel(), e.sourceContactId(), at,
          e.deadline(), e.nearAt(), AccountOpening.Step.RECEIVED, e.workContactId(),
          List.of(new AccountCaseView.StepTaken(AccountOpening.Step.RECEIVED, at, e.by(), null, null)), null, null));
    } else if (event instanceof Event.AccountCaseAdvanced e) {
      AccountCaseView k = cases.get(e.caseId());
      List<AccountCaseView.StepTaken> steps = new ArrayList<>(k.steps());
      steps.add(new AccountCaseView.StepTaken(e.step(), at, e.by(), e.workedBy(), e.note()));
      boolean done = e.step() == AccountOpening.Step.ACTIVE;
      AccountCaseView next = new AccountCaseView(k.id(), k.customer(), k.channel(), k.sourceContactId(), k.openedAt(),
          k.deadline(), k.nearAt(), e.step(), e.workContactId(), steps, done ? at : null, e.workingDays());
      cases.put(k.id(), next);
      if (done) {
        active.add(next);
        forgetOldestActive();
      }
    } else {
      return false;
    }
    return true;
  }

  /** Puts back the cases a snapshot held, and drops what this domain's retention does not keep. */
  void restore(List<AccountCaseView> held) {
    cases.clear();
    active.clear();
    for (AccountCaseView k : held) {
      cases.put(k.id(), k);
      if (!k.open()) {
        active.add(k);
      }
    }
    forgetOldestActive();
  }

  private void forgetOldestActive() {
    while (active.size() > state.retention.closedCases()) {
      cases.remove(active.pollFirst().id());
    }
  }
}

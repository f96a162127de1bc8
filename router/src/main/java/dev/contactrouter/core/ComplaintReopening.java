package dev.contactrouter.core;

import static dev.contactrouter.core.Refusals.conflict;
import static dev.contactrouter.core.Refusals.invalid;
import static dev.contactrouter.core.Refusals.notFound;

/**
 * Reopening a complaint case (the manual's closed loop, §5.3 and its 投诉闭环管理: a complaint is
 * closed only once thoroughly resolved, so an unsatisfied customer is not a closed case). A
 * supervisor reopens a case whose recorded feedback says the customer is unsatisfied, whether it
 * still waits to be closed or was already closed: it returns to investigation, in the same case
 * with one history, with a new work item (ids suffixed with the round: {@code k1-investigation-2})
 * routed to its department (or one named), fresh stage deadlines, and graded limits (major,
 * system fault, trade exception) counted from the reopening. Its earlier result is taken back:
 * the customer gets a new one, then gives feedback again.
 */
final class ComplaintReopening extends RulePart {
  ComplaintReopening(Parts parts) {
    super(parts);
  }

  Decision reopenComplaint(Step step, Command.ReopenComplaint c) {
    CaseState kase = parts.complaintCases.cases.get(c.caseId());
    if (kase == null) {
      return notFound("no complaint case '" + c.caseId() + "' (memory holds open cases and the newest "
          + state.retention.closedCases() + " closed ones)");
    }
    if (kase.satisfied == null) {
      return conflict("a case is reopened once the customer's feedback is recorded as unsatisfied");
    }
    if (kase.satisfied) {
      return conflict("the customer was satisfied: a new problem is a new complaint");
    }
    if (c.reason() == null || c.reason().isBlank()) {
      return invalid("record why the case is reopened in reason", "/reason");
    }
    String department = c.department() != null ? c.department()
        : kase.department != null ? kase.department : state.rules.complaints().queue();
    int round = kase.reopened() + 1;
    Decision bad = parts.complaintCases.workRefusal(kase.id, round, Complaint.Stage.INVESTIGATION, department,
        kase.customer, step.now);
    if (bad != null) {
      return bad;
    }
    if (c.agentId() != null && !agents.containsKey(c.agentId())) {
      return invalid("unknown agent '" + c.agentId() + "'", "/agentId");
    }
    step.emit(new Event.CaseAdvanced(kase.id, Complaint.Step.REOPEN, kase.stage, Complaint.Stage.INVESTIGATION,
        step.actor, null, c.reason(), null, null, department, null));
    parts.complaintCases.startStage(step, kase, Complaint.Stage.INVESTIGATION, department, c.agentId());
    return step.done(new Reply.CaseReply(ComplaintCases.caseView(kase, step.now)));
  }
}

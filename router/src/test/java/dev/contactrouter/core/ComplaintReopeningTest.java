package dev.contactrouter.core;

import static dev.contactrouter.core.Centre.agent;
import static dev.contactrouter.core.Centre.events;
import static dev.contactrouter.core.Centre.queue;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.store.format.SnapshotFormat;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reopening a complaint after unsatisfied feedback (the manual's closed loop): back to
 * investigation in the same case, with a new work item, fresh deadlines and every transition kept;
 * refused without unsatisfied feedback; counted by the complaints report, whose 48-hour KPI then
 * waits for the result that ends the case.
 */
class ComplaintReopeningTest {
  private static final long HOUR = 3600_000L;
  private final Centre centre = Centre.complaintDesk();

  ComplaintReopeningTest() {
    centre.available("engineer");
  }

  /** The agent offered the current work item answers it and takes the step. */
  private void step(Complaint.Step step, String note, Complaint.Kind kind, String department, Boolean satisfied) {
    String item = centre.complaint("k1").workContactId();
    centre.answer(item);
    String by = centre.contactView(item).agentId();
    centre.applied(new Command.AdvanceComplaint("agent:" + by, "k1", step, by, note, kind, null, department, null,
        satisfied));
  }

  /** Opens k1 (a system fault: 4 h from opening to result) and takes it to recorded feedback. */
  private void toFeedback(boolean satisfied) {
    centre.applied(new Command.OpenComplaint("supervisor", "k1", null, null, new Customer("cust", null, null, 3),
        Channel.VOICE, "charged twice", null, null));
    step(Complaint.Step.CLASSIFY, "double charge", Complaint.Kind.SYSTEM_FAULT, "it", null);
    step(Complaint.Step.INVESTIGATE, "batch job ran twice", null, null, null);
    step(Complaint.Step.RESULT, "one charge refunded", null, null, null);
    step(Complaint.Step.FEEDBACK, satisfied ? "fine" : "still charged twice on the statement", null, null,
        satisfied);
  }

  private Command.ReopenComplaint reopen(String reason) {
    return new Command.ReopenComplaint("supervisor", "k1", reason, null, null);
  }

  @Test
  void anUnsatisfiedCaseReturnsToInvestigationWithANewWorkItemAndFreshDeadlines() {
    toFeedback(false);
    centre.advanceSeconds(5 * 3600); // past the system fault's 4 h from opening
    long reopenedAt = centre.now;

    Decision.Applied reopened = centre.applied(reopen("statement still shows both charges"));

    Event.CaseAdvanced advanced = events(reopened, Event.CaseAdvanced.class).get(0);
    assertThat(advanced).isEqualTo(new Event.CaseAdvanced("k1", Complaint.Step.REOPEN, Complaint.Stage.FEEDBACK,
        Complaint.Stage.INVESTIGATION, "supervisor", null, "statement still shows both charges", null, null, "it", null));
    CaseView kase = centre.complaint("k1");
    assertThat(kase.stage()).isEqualTo(Complaint.Stage.INVESTIGATION);
    assertThat(kase.workContactId()).isEqualTo("k1-investigation-2");
    assertThat(kase.department()).isEqualTo("it");
    assertThat(kase.deadline()).as("4 h again, counted from the reopening").isEqualTo(reopenedAt + 4 * HOUR);
    assertThat(kase.satisfied()).isNull();
    assertThat(kase.result()).as("the earlier result is taken back").isNull();
    assertThat(kase.findings()).isEqualTo("batch job ran twice");
    assertThat(centre.contactView("k1-investigation-2").queue()).isEqualTo("it");
    assertThat(centre.contactView("k1-investigation").status()).as("the first round's item stays done")
        .isEqualTo(ContactStatus.COMPLETED);

    step(Complaint.Step.INVESTIGATE, "second posting reversed", null, null, null);
    assertThat(centre.complaint("k1").workContactId()).isEqualTo("k1-result-2");
    step(Complaint.Step.RESULT, "both charges reversed", null, null, null);
    assertThat(centre.complaint("k1").workContactId()).isEqualTo("k1-feedback-2");
    step(Complaint.Step.FEEDBACK, "satisfied now", null, null, true);
    centre.applied(new Command.AdvanceComplaint("supervisor", "k1", Complaint.Step.CLOSE, null, null, null, null, null,
        null, null));

    kase = centre.complaint("k1");
    assertThat(kase.stage()).isEqualTo(Complaint.Stage.CLOSED);
    assertThat(kase.history()).extracting(CaseView.Transition::step).containsExactly(null, Complaint.Step.CLASSIFY,
        Complaint.Step.INVESTIGATE, Complaint.Step.RESULT, Complaint.Step.FEEDBACK, Complaint.Step.REOPEN,
        Complaint.Step.INVESTIGATE, Complaint.Step.RESULT, Complaint.Step.FEEDBACK, Complaint.Step.CLOSE);
    assertThat(kase.history().get(5).by()).isEqualTo("supervisor");
    assertThat(kase.history().get(5).note()).isEqualTo("statement still shows both charges");
  }

  @Test
  void aClosedUnsatisfiedCaseReopensAndCountsInTheReportWhoseKpiWaitsForTheLastResult() {
    toFeedback(false);
    centre.applied(new Command.AdvanceComplaint("supervisor", "k1", Complaint.Step.CLOSE, null, null, null, null, null,
        null, null));
    centre.advanceSeconds(50 * 3600);
    centre.applied(reopen("customer called again: not resolved"));
    assertThat(centre.complaint("k1").closedAt()).isNull();
    assertThat(centre.complaint("k1").stage()).isEqualTo(Complaint.Stage.INVESTIGATION);

    Reports reports = new Reports(Centre.T0, centre.now + 1, Reports.Interval.DAY, ZoneOffset.UTC, 20, centre.now, null);
    centre.journal.forEach(reports::accept);
    Reports.ComplaintSummary summary = reports.complaints();
    assertThat(summary.reopened()).isEqualTo(1);
    assertThat(summary.closed()).as("open again").isZero();
    assertThat(summary.withResult()).as("its first result was taken back").isZero();
    assertThat(summary.handling().overdueWithoutResult()).as("48 h after opening without the result that ends it")
        .isEqualTo(1);

    // Memory, snapshot and replay keep the round: the next work item is the second round's.
    DomainSnapshot snapshot = centre.domain.snapshot();
    RoutingDomain restored = RoutingDomain.restore(SnapshotFormat.decode(SnapshotFormat.encode(snapshot)),
        MatcherKind.LINEAR);
    assertThat(restored.snapshot()).isEqualTo(snapshot);
    assertThat(restored.complaint("k1", centre.now).orElseThrow().workContactId()).isEqualTo("k1-investigation-2");
  }

  @Test
  void onlyAnUnsatisfiedFeedbackReopensACase() {
    centre.applied(new Command.OpenComplaint("supervisor", "k1", null, null, new Customer("cust", null, null, 3),
        Channel.VOICE, "rude", null, null));
    Decision.Refused early = centre.refused(reopen("why not"));
    assertThat(early.reason()).isEqualTo(Refusal.CONFLICT);
    assertThat(Reason.of(early.detail()).code()).isEqualTo(ReasonCode.REFUSED_CASE_REOPEN_NO_FEEDBACK);
    assertThat(centre.refused(new Command.ReopenComplaint("supervisor", "k9", "x", null, null)).reason())
        .isEqualTo(Refusal.NOT_FOUND);

    ComplaintReopeningTest other = new ComplaintReopeningTest();
    other.toFeedback(true);
    Decision.Refused satisfied = other.centre.refused(other.reopen("try again"));
    assertThat(Reason.of(satisfied.detail()).code()).isEqualTo(ReasonCode.REFUSED_CASE_REOPEN_SATISFIED);

    ComplaintReopeningTest unsatisfied = new ComplaintReopeningTest();
    unsatisfied.toFeedback(false);
    Decision.Refused noReason = unsatisfied.centre.refused(unsatisfied.reopen(" "));
    assertThat(noReason.field()).isEqualTo("/reason");
    Decision.Refused nowhere = unsatisfied.centre.refused(
        new Command.ReopenComplaint("supervisor", "k1", "again", "nowhere", null));
    assertThat(nowhere.field()).isEqualTo("/department");
    assertThat(unsatisfied.centre.complaint("k1").stage()).isEqualTo(Complaint.Stage.FEEDBACK);
    assertThat(List.of(unsatisfied.centre.complaint("k1").satisfied())).containsExactly(false);
  }
}

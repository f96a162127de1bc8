package dev.contactrouter.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contactrouter.core.AgentStatus;
import dev.contactrouter.core.Command;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The bound and the two lanes of {@link Admission}, counted command by command. */
class AdmissionTest {
  private static final Command INTAKE = new Command.CreateContact("telephony", null);
  private static final Command ACCEPT = new Command.AcceptOffer("agent:a1", "o1", "a1");

  @Test
  void newIntakeIsRefusedAtTheBoundAndTakenAgainOnceOneIsAnswered() {
    Admission admission = new Admission(2);
    assertThat(admission.admit(INTAKE)).isNull();
    assertThat(admission.admit(INTAKE)).isNull();
    assertThat(admission.admit(INTAKE)).isEqualTo(Admission.Reason.INTAKE_BOUND);
    assertThat(admission.pending()).as("a refusal is not counted as pending").isEqualTo(2);
    admission.answered();
    assertThat(admission.admit(INTAKE)).isNull();
  }

  @Test
  void workInProgressHasFourTimesTheRoom() {
    Admission admission = new Admission(2);
    admission.admit(INTAKE);
    admission.admit(INTAKE);
    for (int i = 2; i < 2 * Admission.PRIORITY_FACTOR; i++) {
      assertThat(admission.admit(ACCEPT)).as("accept #%d", i).isNull();
      assertThat(admission.admit(INTAKE)).isEqualTo(Admission.Reason.INTAKE_BOUND);
    }
    assertThat(admission.admit(ACCEPT)).isEqualTo(Admission.Reason.PRIORITY_BOUND);
    assertThat(admission.detail("d", Admission.Reason.PRIORITY_BOUND)).contains("bound 8");
  }

  @Test
  void zeroTakesEverything() {
    Admission admission = new Admission(0);
    for (int i = 0; i < 10_000; i++) {
      assertThat(admission.admit(INTAKE)).isNull();
    }
    assertThatThrownBy(() -> new Admission(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void agentsActionsAndCallReportsAreWorkInProgressNewWorkAndAdministrationAreNot() {
    assertThat(Admission.workInProgress(ACCEPT)).isTrue();
    assertThat(Admission.workInProgress(new Command.RejectOffer("agent:a1", "o1", "a1", null))).isTrue();
    assertThat(Admission.workInProgress(new Command.CompleteContact("agent:a1", "c1", "a1", null, null))).isTrue();
    assertThat(Admission.workInProgress(new Command.SetAgentStatus("agent:a1", "a1", AgentStatus.AVAILABLE, null)))
        .isTrue();
    assertThat(Admission.workInProgress(new Command.ReportCall("telephony", "call-1", Command.CallReport.ANSWERED,
        "o1", null))).isTrue();
    assertThat(Admission.workInProgress(new Command.ReconcileCalls("telephony", Set.of(), 0))).isTrue();
    assertThat(Admission.workInProgress(new Command.AbandonContact("telephony", "c1"))).isTrue();
    assertThat(Admission.workInProgress(new Command.TransferContact("agent:a1", "c1", "q2", null, "a1"))).isTrue();

    assertThat(Admission.workInProgress(INTAKE)).isFalse();
    assertThat(Admission.workInProgress(new Command.TransferContact("supervisor", "c1", "q2", null, null))).isFalse();
    assertThat(Admission.workInProgress(new Command.ConfigureQueue("admin", null))).isFalse();
    assertThat(Admission.workInProgress(new Command.RecordSurvey("telephony", "c1", 5, null, null))).isFalse();
    assertThat(Admission.workInProgress(new Command.RequestCallback("telephony", "c1", "+852"))).isFalse();
  }
}

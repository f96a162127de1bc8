package dev.contactrouter.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contactrouter.core.AgentStatus;
import dev.contactrouter.core.Command;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The bound, the delay budget and the two lanes of {@link Admission}, command by command. */
class AdmissionTest {
  private static final Command INTAKE = new Command.CreateContact("telephony", null);
  private static final Command ACCEPT = new Command.AcceptOffer("agent:a1", "o1", "a1");

  /** The test's clock (nanoseconds), moved by hand. */
  private final long[] now = {0};

  /** No bound, a delay budget of {@code millis}, on the test's clock. */
  private Admission withDelayBudget(long millis) {
    return new Admission(0, millis, () -> now[0]);
  }

  @Test
  void newIntakeIsRefusedAtTheBoundAndTakenAgainOnceOneIsAnswered() {
    Admission admission = new Admission(2);
    Admission.Ticket first = take(admission, INTAKE);
    take(admission, INTAKE);
    assertThat(admission.refusal(INTAKE)).isEqualTo(Admission.Reason.INTAKE_BOUND);
    assertThat(admission.pending()).as("a refusal is not counted as pending").isEqualTo(2);
    admission.answered(first);
    assertThat(admission.refusal(INTAKE)).isNull();
  }

  @Test
  void workInProgressHasFourTimesTheRoom() {
    Admission admission = new Admission(2);
    take(admission, INTAKE);
    take(admission, INTAKE);
    for (int i = 2; i < 2 * Admission.PRIORITY_FACTOR; i++) {
      take(admission, ACCEPT);
      assertThat(admission.refusal(INTAKE)).isEqualTo(Admission.Reason.INTAKE_BOUND);
    }
    assertThat(admission.refusal(ACCEPT)).isEqualTo(Admission.Reason.PRIORITY_BOUND);
    assertThat(admission.detail("d", Admission.Reason.PRIORITY_BOUND)).contains("bound 8");
  }

  @Test
  void zeroTakesEverything() {
    Admission admission = new Admission(0);
    for (int i = 0; i < 10_000; i++) {
      take(admission, INTAKE);
    }
    assertThatThrownBy(() -> new Admission(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Admission(0, -1, () -> 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aWaitOverTheBudgetForAWholeIntervalRefusesIntakeUntilItIsBackUnder() {
    Admission admission = withDelayBudget(50);
    Admission.Ticket oldest = take(admission, INTAKE);
    Admission.Ticket next = take(admission, INTAKE);
    now[0] = ms(60);
    assertThat(admission.refusal(INTAKE)).as("over the budget (since 50 ms), but only just").isNull();
    now[0] = ms(50) + Admission.INTERVAL_NANOS - 1;
    assertThat(admission.refusal(INTAKE)).as("not yet a whole interval over").isNull();
    now[0] = ms(50) + Admission.INTERVAL_NANOS;
    assertThat(admission.refusal(INTAKE)).isEqualTo(Admission.Reason.INTAKE_DELAY);
    assertThat(admission.detail("d", Admission.Reason.INTAKE_DELAY)).contains("150 ms").contains("budget 50 ms");
    assertThat(admission.refusal(ACCEPT)).as("work in progress may wait four times as long").isNull();
    now[0] = ms(210);
    assertThat(admission.refusal(ACCEPT)).isEqualTo(Admission.Reason.PRIORITY_DELAY);

    // The oldest is answered; the next one came at the same time, so the wait is still too long.
    admission.answered(oldest);
    assertThat(admission.refusal(INTAKE)).isEqualTo(Admission.Reason.INTAKE_DELAY);
    admission.answered(next);
    assertThat(admission.refusal(INTAKE)).as("nothing waits: taken again at once").isNull();
  }

  @Test
  void aCommandAnsweredOutOfOrderDoesNotHideAnOlderOneStillWaiting() {
    Admission admission = withDelayBudget(20);
    Admission.Ticket old = take(admission, INTAKE);
    now[0] = ms(10);
    Admission.Ticket young = take(admission, INTAKE);
    admission.answered(young);
    now[0] = ms(25);
    assertThat(admission.refusal(INTAKE)).isNull();
    now[0] = ms(20) + Admission.INTERVAL_NANOS;
    assertThat(admission.refusal(INTAKE)).as("the old one still waits").isEqualTo(Admission.Reason.INTAKE_DELAY);
    admission.answered(old);
    assertThat(admission.refusal(INTAKE)).isNull();
    assertThat(admission.pending()).isZero();
  }

  @Test
  void aStretchOverTheBudgetCountsFromWhenTheOldestCrossedIt() {
    Admission admission = withDelayBudget(50);
    take(admission, INTAKE);
    now[0] = ms(50) + Admission.INTERVAL_NANOS;
    assertThat(admission.refusal(INTAKE)).as("nobody asked in between, yet the wait was over all along")
        .isEqualTo(Admission.Reason.INTAKE_DELAY);
  }

  @Test
  void aShortBurstOverTheBudgetIsNotRefused() {
    Admission admission = withDelayBudget(20);
    Admission.Ticket slow = take(admission, INTAKE);
    now[0] = ms(50);
    assertThat(admission.refusal(INTAKE)).isNull();
    admission.answered(slow);
    now[0] = ms(50) + Admission.INTERVAL_NANOS;
    Admission.Ticket fresh = take(admission, INTAKE);
    assertThat(admission.refusal(INTAKE)).as("the wait fell under the budget: the interval starts again").isNull();
    now[0] += ms(30);
    assertThat(admission.refusal(INTAKE)).isNull();
    admission.answered(fresh);
  }

  private static Admission.Ticket take(Admission admission, Command command) {
    assertThat(admission.refusal(command)).as("%s refused", command).isNull();
    return admission.take();
  }

  private static long ms(long millis) {
    return millis * 1_000_000L;
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

package dev.contactrouter.bench.matcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contactrouter.core.Decision;
import dev.contactrouter.core.MatcherKind;
import dev.contactrouter.core.Reply;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The benchmark's turn must keep its state the same size, or the measured sizes would be a lie. */
class SteadyCentreTest {
  private static final int HISTORY = 200;

  @ParameterizedTest(name = "{0}: {1} waiting, {2} agents, {3} signatures")
  @CsvSource({
      "INDEXED, 50, 7, 3",
      "LINEAR, 50, 7, 3",
      "INDEXED, 0, 5, 1",
      "INDEXED, 20, 3, 10", // more signatures than agents: some queues have nobody to serve them
      "LINEAR, 20, 3, 10",
  })
  void aTurnLeavesTheStateAsItFoundIt(MatcherKind kind, int waiting, int agents, int signatures) {
    SteadyCentre centre = SteadyCentre.build(kind, waiting, agents, signatures, HISTORY);
    for (int turn = 0; turn < 3 * agents + 10; turn++) {
      centre.turn();
      assertThat(centre.waiting()).isEqualTo(waiting);
    }
    centre.checkInvariants();
  }

  @Test
  void bothMatchersMakeTheSameDecisions() {
    SteadyCentre indexed = SteadyCentre.build(MatcherKind.INDEXED, 40, 6, 4, HISTORY);
    SteadyCentre linear = SteadyCentre.build(MatcherKind.LINEAR, 40, 6, 4, HISTORY);
    List<String> fromIndexed = new ArrayList<>();
    List<String> fromLinear = new ArrayList<>();
    for (int turn = 0; turn < 50; turn++) {
      fromIndexed.add(assigned(indexed.turn()));
      fromLinear.add(assigned(linear.turn()));
    }
    assertThat(fromIndexed).isEqualTo(fromLinear).doesNotHaveDuplicates();
  }

  @Test
  void refusesSizesThatMakeNoCentre() {
    assertThatThrownBy(() -> SteadyCentre.build(MatcherKind.INDEXED, 10, 0, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static String assigned(Decision d) {
    Reply.ContactReply reply = (Reply.ContactReply) ((Decision.Applied) d).reply();
    return reply.contact().id() + "->" + reply.contact().agentId();
  }
}

package dev.contactrouter.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Erlang C against published figures. */
class ErlangCTest {

  /**
   * An Erlang C table (probability of queueing): 8 servers at P = 0.05 carry A = 3.87 erlangs, and
   * 10 servers at P = 0.01 carry A = 4.08 erlangs ("Table C", appendix A.3 of a mobile
   * communications text, with its TETRA trunking example; scribd.com/document/831962299/TABLE-C).
   * Tables round A to two decimals, hence the tolerance.
   */
  @Test
  void probabilityOfWaitingMatchesThePublishedTable() {
    assertThat(ErlangC.probabilityOfWaiting(8, 3.87)).isCloseTo(0.05, within(0.0005));
    assertThat(ErlangC.probabilityOfWaiting(10, 4.08)).isCloseTo(0.01, within(0.0005));
  }

  /**
   * The worked example of jonesthenet.com ("Erlang uplift", budgeting / service levels): an
   * average hour of 250 calls with an AHT of 330 s needs 22.9 advisors by plain workload, but 28 to
   * answer 80% of calls within 30 s.
   */
  @Test
  void agentsNeededMatchesAPublishedWorkedExample() {
    double traffic = ErlangC.traffic(250, 330);
    assertThat(traffic).isCloseTo(22.92, within(0.01));
    assertThat(ErlangC.agentsFor(traffic, 330, 0.80, 30)).isEqualTo(28);
    assertThat(ErlangC.serviceLevel(27, traffic, 330, 30)).isLessThan(0.80);
    assertThat(ErlangC.serviceLevel(28, traffic, 330, 30)).isCloseTo(0.857, within(0.001));
  }

  @Test
  void theEdges() {
    assertThat(ErlangC.probabilityOfWaiting(3, 3.0)).as("no more agents than traffic: everyone waits").isEqualTo(1);
    assertThat(ErlangC.averageSpeedOfAnswer(3, 3.0, 180)).isInfinite();
    assertThat(ErlangC.agentsFor(0, 180, 0.8, 20)).isZero();
    // A = 10 erlangs, 11 agents: C = 0.6821 (hand-computed with the Erlang B recurrence).
    assertThat(ErlangC.probabilityOfWaiting(11, 10)).isCloseTo(0.6821, within(0.0001));
    assertThat(ErlangC.averageSpeedOfAnswer(11, 10, 180)).isCloseTo(0.6821 * 180, within(0.05));
  }
}

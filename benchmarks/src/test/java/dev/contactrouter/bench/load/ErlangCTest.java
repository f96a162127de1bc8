package dev.contactrouter.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ErlangCTest {

  /**
   * The worked example in Call Centre Helper's "Erlang C Formula – Made Simple With an Easy Worked
   * Example": 100 calls in 30 minutes with a 180-second average handling time is 10 erlangs; with
   * 11 agents the probability of waiting is 0.6821 (68.21%) and the service level for a 20-second
   * target is 39%.
   */
  @Test
  void matchesThePublishedWorkedExample() {
    ErlangC.Prediction p = ErlangC.predict(100.0 / 1800, 180, 11, 20);

    assertThat(p.traffic()).isCloseTo(10.0, within(1e-9));
    assertThat(p.probabilityOfWaiting()).isCloseTo(0.6821, within(0.00005));
    assertThat(p.serviceLevel()).isCloseTo(0.39, within(0.005));
    // ASA = C·s/(N − A) = 0.6821 × 180 / 1
    assertThat(p.averageSpeedOfAnswerSeconds()).isCloseTo(0.6821 * 180, within(0.01));
  }

  /** M/M/1: the chance of waiting is the utilisation itself. */
  @ParameterizedTest
  @ValueSource(doubles = {0.1, 0.5, 0.9, 0.99})
  void oneAgentWaitsWithTheUtilisation(double rho) {
    assertThat(ErlangC.probabilityOfWaiting(rho, 1)).isCloseTo(rho, within(1e-12));
  }

  /** M/M/2: C = A² / (2 + A), from the closed form of the two-server queue. */
  @ParameterizedTest
  @ValueSource(doubles = {0.2, 1.0, 1.5, 1.95})
  void twoAgentsMatchTheClosedForm(double a) {
    assertThat(ErlangC.probabilityOfWaiting(a, 2)).isCloseTo(a * a / (2 + a), within(1e-12));
  }

  @Test
  void staysFiniteForThousandsOfAgents() {
    double c = ErlangC.probabilityOfWaiting(2000, 2100);
    assertThat(c).isBetween(0.0, 1.0);
    assertThat(ErlangC.probabilityOfWaiting(2000, 2200)).isLessThan(c);
  }

  @Test
  void anOverloadedQueueAlwaysWaits() {
    ErlangC.Prediction p = ErlangC.predict(10, 2, 20, 1);
    assertThat(p.stable()).isFalse();
    assertThat(p.probabilityOfWaiting()).isEqualTo(1.0);
    assertThat(p.serviceLevel()).isZero();
    assertThat(p.averageSpeedOfAnswerSeconds()).isInfinite();
  }
}

package dev.contactrouter.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@link IntakeLimit} with times given by the test: what it takes, and how its limit moves. */
class IntakeLimitTest {
  private static final long MS = 1_000_000L;

  @Test
  void takesUpToItsLimitAndAgainWhenOneIsAnswered() {
    IntakeLimit limit = new IntakeLimit(50, 2, 4);
    for (int i = 0; i < 4; i++) {
      assertThat(limit.tryTake()).as("request %d", i).isTrue();
    }
    assertThat(limit.tryTake()).isFalse();
    assertThat(limit.inFlight()).as("a refusal takes nothing").isEqualTo(4);
    limit.answered(10 * MS, 1_000 * MS);
    assertThat(limit.tryTake()).isTrue();
    assertThat(limit.tryTake()).isFalse();
  }

  @Test
  void offTakesEverything() {
    IntakeLimit off = new IntakeLimit(0, 1, 1);
    for (int i = 0; i < 1_000; i++) {
      assertThat(off.tryTake()).isTrue();
    }
    off.answered(60_000 * MS, 0);
    assertThat(off.limit()).isEqualTo(1);
  }

  @Test
  void lateAnswersShrinkItOncePerTargetIntervalDownToTheFloor() {
    IntakeLimit limit = new IntakeLimit(50, 8, 100);
    long now = 1_000 * MS;
    for (int i = 0; i < 100; i++) {
      limit.tryTake();
    }
    limit.answered(80 * MS, now);
    assertThat(limit.limit()).isEqualTo(90);
    limit.answered(80 * MS, now + 10 * MS);
    assertThat(limit.limit()).as("one slow batch counts once").isEqualTo(90);
    limit.answered(80 * MS, now + 50 * MS);
    assertThat(limit.limit()).isEqualTo(81);
    for (int i = 2; i < 60; i++) {
      limit.answered(80 * MS, now + i * 50 * MS);
    }
    assertThat(limit.limit()).isEqualTo(8);
    assertThat(limit.inFlight()).as("100 taken, 61 answered").isEqualTo(39);
    assertThat(limit.tryTake()).as("still far past the shrunk limit").isFalse();
  }

  @Test
  void timelyAnswersWhileFullGrowItBackUpToTheCeiling() {
    IntakeLimit limit = new IntakeLimit(50, 8, 20);
    long now = 1_000 * MS;
    for (int i = 0; i < 20; i++) {
      limit.tryTake();
    }
    limit.answered(80 * MS, now);
    assertThat(limit.limit()).isEqualTo(18);
    // Answers within the target while the limit is in use: about one more per limit's worth.
    for (int i = 0; i < 200; i++) {
      while (limit.tryTake()) {
        // fill up to the limit
      }
      limit.answered(5 * MS, now + i * MS);
    }
    assertThat(limit.limit()).isEqualTo(20);
    // Not in use: timely answers do not grow it.
    IntakeLimit idle = new IntakeLimit(50, 8, 20);
    idle.tryTake();
    idle.answered(200 * MS, now);
    int shrunk = idle.limit();
    for (int i = 0; i < 200; i++) {
      idle.tryTake();
      idle.answered(5 * MS, now + i * MS);
    }
    assertThat(idle.limit()).isEqualTo(shrunk);
  }

  @Test
  void refusesNonsense() {
    assertThatThrownBy(() -> new IntakeLimit(-1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new IntakeLimit(50, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new IntakeLimit(50, 9, 8)).isInstanceOf(IllegalArgumentException.class);
  }
}

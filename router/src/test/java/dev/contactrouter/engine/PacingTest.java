package dev.contactrouter.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PacingTest {
  private long now = 1_000;
  private final List<Long> rests = new ArrayList<>();

  private Pacing pacing(double share) {
    return new Pacing(share, () -> now, nanos -> {
      rests.add(nanos);
      now += nanos;
    });
  }

  @Test
  void restsInProportionToEachRoundSoTheWorkTakesItsShare() {
    Pacing pacing = pacing(0.25);
    now += ms(3);
    pacing.run();
    now += ms(1);
    pacing.run();
    assertThat(rests).containsExactly(ms(9), ms(3));
    assertThat(pacing.rested()).isEqualTo(ms(12));
  }

  @Test
  void theRestAfterAnOverlongRoundIsCut() {
    Pacing pacing = pacing(0.5);
    now += ms(500);
    pacing.run();
    assertThat(rests).containsExactly(Pacing.MAX_REST_NANOS);
  }

  @Test
  void aShareOfOneNeverRests() {
    Pacing pacing = pacing(1);
    now += ms(50);
    pacing.run();
    assertThat(rests).isEmpty();
  }

  @Test
  void aShareOutsideZeroToOneIsRefused() {
    for (double share : new double[] {0, -0.5, 1.5, Double.NaN}) {
      assertThatThrownBy(() -> pacing(share)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("share");
    }
  }

  @Test
  void theRealSleeperSleepsAtLeastAsLongAsAsked() {
    long start = System.nanoTime();
    Pacing.sleep(ms(2));
    assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(ms(2));
  }

  private static long ms(long millis) {
    return TimeUnit.MILLISECONDS.toNanos(millis);
  }
}

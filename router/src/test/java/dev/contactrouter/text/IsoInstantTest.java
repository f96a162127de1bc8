package dev.contactrouter.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The fast writer must give, character for character, what {@link Instant#toString()} gives. */
class IsoInstantTest {

  @Property(tries = 20_000)
  void writesWhatInstantWritesAroundNow(@ForAll @LongRange(min = 0L, max = 4_102_444_800_000L) long millis) {
    assertThat(IsoInstant.format(millis)).isEqualTo(Instant.ofEpochMilli(millis).toString());
  }

  @Property(tries = 20_000)
  void writesWhatInstantWritesForAnyMillis(@ForAll long millis) {
    assertThat(IsoInstant.format(millis)).isEqualTo(Instant.ofEpochMilli(millis).toString());
  }

  @Property(tries = 5_000)
  void writesWholeSecondsWithoutAFraction(@ForAll @LongRange(min = -100_000_000_000L, max = 100_000_000_000L) long seconds) {
    assertThat(IsoInstant.format(seconds * 1_000)).isEqualTo(Instant.ofEpochSecond(seconds).toString());
  }

  @Test
  void edges() {
    long[] cases = {0, -1, 1, 999, 1_000, 86_399_999, 86_400_000, -86_400_000, 951_782_400_000L /* 2000-02-29 */,
        -62_167_219_200_000L, -62_167_219_200_001L, 253_402_300_799_999L, 253_402_300_800_000L,
        4_107_542_400_000L /* 2100-03-01 */, Long.MIN_VALUE, Long.MAX_VALUE};
    for (long c : cases) {
      assertThat(IsoInstant.format(c)).as("%d", c).isEqualTo(Instant.ofEpochMilli(c).toString());
    }
  }
}

package dev.contactrouter.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
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

  @Property(tries = 20_000)
  void readsWhatItWritesAsInstantReadsIt(@ForAll long millis) {
    String iso = IsoInstant.format(millis);
    assertThat(IsoInstant.parseMillis(iso)).as(iso).isEqualTo(Instant.parse(iso).toEpochMilli()).isEqualTo(millis);
  }

  /** Whatever the text, the same milliseconds as Instant.parse, or the same refusal. */
  @Property(tries = 20_000)
  void readsAnyTextAsInstantDoes(@ForAll("nearlyInstants") String iso) {
    assertThat(outcome(() -> IsoInstant.parseMillis(iso))).as(iso)
        .isEqualTo(outcome(() -> Instant.parse(iso).toEpochMilli()));
  }

  @Test
  void readsEdgesAsInstantDoes() {
    String[] cases = {"2024-02-29T00:00:00Z", "2025-02-29T00:00:00Z", "2100-02-29T12:00:00.000Z",
        "2000-02-29T23:59:59.999Z", "2025-01-06T24:00:00Z", "2025-06-30T23:59:60Z", "2025-04-31T00:00:00Z",
        "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z", "2025-01-06T09:00:00.5Z", "2025-01-06T09:00:00.123456Z",
        "2025-01-06t09:00:00Z", "2025-01-06T09:00:00z", "+12025-01-06T09:00:00Z", "-0001-01-01T00:00:00Z",
        "2025-1-06T09:00:00Z", "2025-01-06T09:00:00.12xZ", "2025-01-06 09:00:00Z", "", "2025-01-06T09:00:00+01:00",
        "２０２５-01-06T09:00:00Z"};
    for (String c : cases) {
      assertThat(outcome(() -> IsoInstant.parseMillis(c))).as(c).isEqualTo(outcome(() -> Instant.parse(c).toEpochMilli()));
    }
  }

  @Provide
  Arbitrary<String> nearlyInstants() {
    Arbitrary<String> written = Arbitraries.longs().map(IsoInstant::format);
    // A written instant with one character replaced by a digit, a separator or a letter.
    Arbitrary<String> changed = Combinators.combine(written, Arbitraries.integers().between(0, 23),
            Arbitraries.of('0', '1', '2', '3', '5', '6', '9', '-', ':', '.', 'T', 'Z', 'x', ' '))
        .as((s, at, c) -> at < s.length() ? s.substring(0, at) + c + s.substring(at + 1) : s);
    return Arbitraries.oneOf(written, changed);
  }

  private static String outcome(java.util.function.LongSupplier parse) {
    try {
      return "ok " + parse.getAsLong();
    } catch (java.time.format.DateTimeParseException e) {
      return "refused";
    } catch (ArithmeticException e) {
      return "beyond a long of milliseconds";
    }
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

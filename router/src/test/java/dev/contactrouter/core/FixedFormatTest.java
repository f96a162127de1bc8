package dev.contactrouter.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@link RoutingDomain#fixed} (the numbers in offer reasons, which the journal stores) writes
 * exactly what its BigDecimal reference writes, for any double and either number of places the
 * reasons use: the hand-written rounding is an optimisation, never a change of text.
 */
class FixedFormatTest {

  @Property(tries = 5000)
  void anyDoubleIsWrittenAsTheReferenceWritesIt(@ForAll double v, @ForAll @IntRange(min = 0, max = 4) int places) {
    Assume.that(Double.isFinite(v)); // the reference throws on NaN and infinities; fixed defers to it
    assertThat(RoutingDomain.fixed(v, places)).isEqualTo(RoutingDomain.fixedByBigDecimal(v, places));
  }

  @Property(tries = 5000)
  void prioritiesAndWaitsAreWrittenAsTheReferenceWritesThem(
      @ForAll @DoubleRange(min = -1e6, max = 1e6) double v, @ForAll @IntRange(min = 1, max = 2) int places) {
    assertThat(RoutingDomain.fixed(v, places)).isEqualTo(RoutingDomain.fixedByBigDecimal(v, places));
  }

  @Property(tries = 5000)
  void wholeMillisecondWaitsAreWrittenAsTheReferenceWritesThem(@ForAll @IntRange(min = 0, max = 100_000_000) int millis) {
    double seconds = millis / 1000.0;
    assertThat(RoutingDomain.fixed(seconds, 1)).isEqualTo(RoutingDomain.fixedByBigDecimal(seconds, 1));
  }

  @Test
  void halvesCarriesSignsAndZeros() {
    double[] edges = {0.0, -0.0, 0.005, -0.005, 0.004, -0.004, 0.125, -0.125, 9.995, -9.995, 99.95, 999.999,
        0.05, 0.95, 1.005, 2.675, 1e-3, 9.999999e6, 1e7, 1.5e-4, 12345.6789, Double.MIN_VALUE, Double.MAX_VALUE,
        Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
    for (double v : edges) {
      for (int places = 0; places <= 3; places++) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
          continue; // the reference throws on these; fixed defers to it
        }
        assertThat(RoutingDomain.fixed(v, places)).as("%s to %d places", v, places)
            .isEqualTo(RoutingDomain.fixedByBigDecimal(v, places));
      }
    }
    assertThat(RoutingDomain.fixed(9.995, 2)).isEqualTo("10.00");
    assertThat(RoutingDomain.fixed(-0.004, 2)).isEqualTo("0.00");
    assertThat(RoutingDomain.fixed(-0.005, 2)).isEqualTo("-0.01");
    assertThat(RoutingDomain.fixed(2.5, 1)).isEqualTo(String.format(Locale.ROOT, "%.1f", 2.5));
  }
}

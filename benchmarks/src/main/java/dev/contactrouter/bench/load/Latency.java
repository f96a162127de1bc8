package dev.contactrouter.bench.load;

import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * A latency distribution in microseconds (HdrHistogram, three significant digits), recorded from
 * nanosecond intervals. Each client lane owns its own and they are merged at the end, so nothing
 * here is shared between threads.
 */
public final class Latency {
  private final Histogram histogram = new Histogram(3);

  public void recordNanos(long nanos) {
    histogram.recordValue(Math.max(0, nanos / 1000));
  }

  public void add(Latency other) {
    histogram.add(other.histogram);
  }

  public long count() {
    return histogram.getTotalCount();
  }

  /** The value at a percentile (0–100), in milliseconds. */
  public double percentileMillis(double percentile) {
    return count() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1000.0;
  }

  public double meanMillis() {
    return count() == 0 ? Double.NaN : histogram.getMean() / 1000.0;
  }

  public double maxMillis() {
    return count() == 0 ? Double.NaN : histogram.getMaxValue() / 1000.0;
  }

  /** Share of recorded values at or below {@code millis}. */
  public double fractionAtOrBelow(double millis) {
    if (count() == 0) {
      return Double.NaN;
    }
    return histogram.getCountBetweenValues(0, (long) (millis * 1000)) / (double) count();
  }

  /** {@code p50 1.23 ms, p99 ..., p99.9 ..., max ... (n = 1,000)} */
  public String summary() {
    if (count() == 0) {
      return "no samples";
    }
    return String.format(Locale.ROOT, "p50 %s, p99 %s, p99.9 %s, max %s (n = %,d)",
        ms(percentileMillis(50)), ms(percentileMillis(99)), ms(percentileMillis(99.9)), ms(maxMillis()), count());
  }

  static String ms(double millis) {
    if (Double.isNaN(millis)) {
      return "–";
    }
    if (millis >= 100) {
      return String.format(Locale.ROOT, "%,.0f ms", millis);
    }
    if (millis >= 10) {
      return String.format(Locale.ROOT, "%.1f ms", millis);
    }
    return String.format(Locale.ROOT, "%.2f ms", millis);
  }
}

package dev.contactrouter.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Token buckets by caller: each caller may make {@code ratePerSecond} requests a second on
 * average, in bursts of up to {@code burst}. Owned by one API verticle (one event loop), so the
 * map is plain; it keeps the most recently seen callers only, so unknown addresses cannot grow it
 * without bound.
 */
final class RateLimiter {
  private static final int MAX_CALLERS = 10_000;

  private final double ratePerSecond;
  private final double burst;
  private final Map<String, double[]> buckets = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, double[]> eldest) {
      return size() > MAX_CALLERS;
    }
  };

  RateLimiter(double ratePerSecond, double burst) {
    this.ratePerSecond = ratePerSecond;
    this.burst = Math.max(1, burst);
  }

  boolean enabled() {
    return ratePerSecond > 0;
  }

  /**
   * Takes one token for {@code caller} at {@code nowMillis}. Returns 0 when the request may go
   * ahead, else the whole seconds to wait before the next token (at least 1).
   */
  long take(String caller, long nowMillis) {
    if (!enabled()) {
      return 0;
    }
    double[] bucket = buckets.computeIfAbsent(caller, c -> new double[] {burst, nowMillis});
    double elapsed = Math.max(0, nowMillis - bucket[1]) / 1000.0;
    bucket[0] = Math.min(burst, bucket[0] + elapsed * ratePerSecond);
    bucket[1] = nowMillis;
    if (bucket[0] >= 1) {
      bucket[0] -= 1;
      return 0;
    }
    return Math.max(1, (long) Math.ceil((1 - bucket[0]) / ratePerSecond));
  }
}

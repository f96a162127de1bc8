package dev.contactrouter.webhook;

/**
 * How webhooks are delivered.
 *
 * @param timeoutMillis the most one attempt (connect, send, answer) may take before it counts as failed
 * @param firstRetryMillis the wait before the second attempt; each further one waits twice as long
 * @param maxRetryMillis the longest wait between two attempts
 * @param maxAttempts attempts after which a delivery is given up (marked failed)
 * @param maxAgeMillis time from the first attempt after which a delivery is given up
 * @param maxPending deliveries a webhook may have waiting (its receiver slow or down) before the
 *     deliverer stops taking its events from the live stream; it reads them from the journal later
 */
public record WebhookOptions(
    long timeoutMillis, long firstRetryMillis, long maxRetryMillis, int maxAttempts, long maxAgeMillis, int maxPending) {
  public static final WebhookOptions DEFAULTS = new WebhookOptions(10_000, 1_000, 300_000, 15, 3_600_000, 10_000);

  public WebhookOptions {
    if (timeoutMillis < 1 || firstRetryMillis < 1 || maxRetryMillis < firstRetryMillis || maxAttempts < 1
        || maxAgeMillis < 1 || maxPending < 1) {
      throw new IllegalArgumentException("bad webhook options " + timeoutMillis + ", " + firstRetryMillis + ", "
          + maxRetryMillis + ", " + maxAttempts + ", " + maxAgeMillis + ", " + maxPending);
    }
  }

  /**
   * The wait after the {@code attempts}-th failed attempt: {@code firstRetryMillis} doubled each
   * time, capped at {@code maxRetryMillis}, then drawn from its upper half ({@code jitter} in
   * [0, 1)) so receivers that failed together are not retried together.
   */
  public long backoff(int attempts, double jitter) {
    long delay = firstRetryMillis;
    for (int i = 1; i < attempts && delay < maxRetryMillis; i++) {
      delay *= 2;
    }
    delay = Math.min(delay, maxRetryMillis);
    return delay - (long) (delay / 2.0 * jitter);
  }
}

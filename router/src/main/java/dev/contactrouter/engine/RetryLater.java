package dev.contactrouter.engine;

/**
 * A refusal that did nothing and tells the client when to try again ({@code Retry-After}): the
 * domain is {@linkplain DomainUnavailable unavailable} or {@linkplain DomainOverloaded overloaded}.
 * Carries no stack trace: it is an answer, not a fault.
 */
public abstract class RetryLater extends RuntimeException {
  private final int retryAfterSeconds;

  protected RetryLater(String message, int retryAfterSeconds) {
    super(message, null, false, false);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public final int retryAfterSeconds() {
    return retryAfterSeconds;
  }
}

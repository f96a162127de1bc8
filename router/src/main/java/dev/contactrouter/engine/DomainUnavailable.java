package dev.contactrouter.engine;

/**
 * The domain cannot take commands right now (its journal is unreachable, it is recovering, or its
 * writer did not answer in time). Nothing was acknowledged; the client may retry.
 */
public final class DomainUnavailable extends RetryLater {
  public DomainUnavailable(String message, int retryAfterSeconds) {
    super(message, retryAfterSeconds);
  }
}

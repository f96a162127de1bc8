package dev.contactrouter.engine;

/**
 * The domain's writer has more commands waiting to be journaled than its bound allows, and
 * refused this one at once rather than queue it (see {@link Admission}). Nothing was done; the
 * client may retry after {@link #retryAfterSeconds()}.
 */
public final class DomainOverloaded extends RetryLater {
  public DomainOverloaded(String message, int retryAfterSeconds) {
    super(message, retryAfterSeconds);
  }
}

package dev.contactrouter.store;

/**
 * Who owns a routing domain, as the journal records it.
 *
 * @param owner the node holding the lease, or null when nobody does (never taken, or released)
 * @param epoch the fencing epoch: moved on by every new lease; appends must name it
 * @param expiresAt when the lease runs out unless renewed (epoch millis), or null
 * @param now the journal's clock when this was read, to judge {@code expiresAt} against
 */
public record DomainLease(String domain, String owner, long epoch, Long expiresAt, long now) {

  /** Whether an owner holds the lease at the moment it was read. */
  public boolean held() {
    return owner != null && expiresAt != null && expiresAt > now;
  }
}

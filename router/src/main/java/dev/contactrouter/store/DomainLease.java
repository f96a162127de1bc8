package dev.contactrouter.store;

/**
 * Who owns a routing domain, as the journal records it.
 *
 * <p>The holder is one process, not one node name: {@code <node id>#<instance>}, the instance
 * being made afresh at every start. Two processes started with the same {@code ROUTER_NODE_ID}
 * (a double start, or a restart that overlaps the old process) are two holders, and neither takes
 * the other's live lease.
 *
 * @param holder the process holding the lease, or null when nobody does (never taken, or released)
 * @param epoch the fencing epoch: moved on by every new lease; appends must name it
 * @param expiresAt when the lease runs out unless renewed (epoch millis), or null
 * @param now the journal's clock when this was read, to judge {@code expiresAt} against
 */
public record DomainLease(String domain, String holder, long epoch, Long expiresAt, long now) {
  private static final char SEPARATOR = '#';

  /** The holder name of one process: its node id (which has no {@code #}) and its instance. */
  public static String holder(String node, String instance) {
    return instance == null || instance.isEmpty() ? node : node + SEPARATOR + instance;
  }

  /** The holder's node id ({@code ROUTER_NODE_ID}), or null when nobody holds the lease. */
  public String owner() {
    if (holder == null) {
      return null;
    }
    int at = holder.indexOf(SEPARATOR);
    return at < 0 ? holder : holder.substring(0, at);
  }

  /** The holder's instance (one start of the process), or null. */
  public String instance() {
    int at = holder == null ? -1 : holder.indexOf(SEPARATOR);
    return at < 0 ? null : holder.substring(at + 1);
  }

  /** Whether an owner holds the lease at the moment it was read. */
  public boolean held() {
    return holder != null && expiresAt != null && expiresAt > now;
  }

  /** Whether its holder let it run out without releasing it: it crashed, froze, or lost the journal. */
  public boolean lapsed() {
    return holder != null && !held();
  }

  /** How long the lease still runs, by the journal's clock (0 when it is not held). */
  public long remainingMillis() {
    return held() ? expiresAt - now : 0;
  }
}

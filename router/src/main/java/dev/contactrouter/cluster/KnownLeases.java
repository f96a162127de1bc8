package dev.contactrouter.cluster;

import dev.contactrouter.engine.OwnerWatch;
import dev.contactrouter.store.DomainLease;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every domain's lease as one node last knew it (read by its ownership rounds, or announced by
 * peers since), and what that means for a request through this node: send it, wait for the next
 * owner, or fail at once ({@link OwnerWatch.Owner}). Owned by the node's {@link OwnershipVerticle},
 * touched only on its context.
 */
final class KnownLeases {
  private final Map<String, DomainLease> known = new HashMap<>();
  /**
   * Leases held by a process that is not a member (as this node sees the cluster): the lease as
   * first read after that. A later read showing it renewed means the holder is alive out of reach
   * (a partition), not dead: no takeover is coming while it renews.
   */
  private final Map<String, DomainLease> heldOutside = new HashMap<>();

  /** What a round read, with the members it saw. */
  void read(Map<String, DomainLease> leases, Set<String> liveHolders, String selfHolder) {
    leases.values().forEach(this::remember);
    for (Map.Entry<String, DomainLease> e : leases.entrySet()) {
      DomainLease l = e.getValue();
      DomainLease first = heldOutside.get(e.getKey());
      if (!l.held() || selfHolder.equals(l.holder()) || liveHolders.contains(l.holder())) {
        heldOutside.remove(e.getKey());
      } else if (first == null || !first.holder().equals(l.holder()) || first.epoch() != l.epoch()) {
        heldOutside.put(e.getKey(), l);
      }
    }
  }

  /** A peer announced that its writer runs under a new lease. */
  void announced(DomainLease lease) {
    remember(lease);
  }

  /** A peer released a domain: nobody holds it until someone takes it. */
  void released(String domain, String holder, long nowMillis) {
    DomainLease before = known.get(domain);
    if (before != null && before.holder() != null && before.holder().equals(holder)) {
      known.put(domain, new DomainLease(domain, null, before.epoch(), null, nowMillis));
    }
  }

  DomainLease get(String domain) {
    return known.get(domain);
  }

  /**
   * For each domain this node knows of: whom a request goes to, or why it waits or fails.
   *
   * @param running for each domain this node holds, whether its writer runs yet
   */
  Map<String, OwnerWatch.Owner> owners(List<String> domains, Map<String, Boolean> running, Member self,
      Set<String> liveHolders) {
    Map<String, OwnerWatch.Owner> owners = new LinkedHashMap<>();
    for (String d : domains) {
      Boolean runs = running.get(d);
      DomainLease l = known.get(d);
      if (runs != null) {
        owners.put(d, runs ? OwnerWatch.Owner.serving(self.holder())
            : OwnerWatch.Owner.awaited(self.holder(), "its writer is starting on " + self.id()));
      } else if (l == null) {
        continue; // not read yet: requests go as they would without a watch
      } else if (l.holder() == null) {
        owners.put(d, OwnerWatch.Owner.awaited(null, "nobody holds it"));
      } else if (self.holder().equals(l.holder())) {
        owners.put(d, OwnerWatch.Owner.awaited(l.holder(), self.id() + " has just given it up"));
      } else if (!l.held()) {
        owners.put(d, OwnerWatch.Owner.awaited(l.holder(), l.owner() + " let its lease run out"));
      } else if (liveHolders.contains(l.holder())) {
        owners.put(d, OwnerWatch.Owner.serving(l.holder()));
      } else if (renewedOutside(l)) {
        owners.put(d, OwnerWatch.Owner.unreachable(l.holder(), l.owner() + " holds it and renews its lease, but is "
            + "out of reach of " + self.id() + " (not in the cluster as it sees it)"));
      } else {
        owners.put(d, OwnerWatch.Owner.awaited(l.holder(), l.owner() + " is not in the cluster as " + self.id()
            + " sees it"));
      }
    }
    return owners;
  }

  /** Keeps a lease, unless a newer epoch is known already (announced after the read began). */
  private void remember(DomainLease lease) {
    DomainLease before = known.get(lease.domain());
    if (before == null || lease.epoch() >= before.epoch()) {
      known.put(lease.domain(), lease);
    }
  }

  private boolean renewedOutside(DomainLease lease) {
    DomainLease first = heldOutside.get(lease.domain());
    return first != null && first.holder().equals(lease.holder()) && first.epoch() == lease.epoch()
        && lease.expiresAt() > first.expiresAt();
  }
}

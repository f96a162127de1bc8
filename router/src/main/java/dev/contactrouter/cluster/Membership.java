package dev.contactrouter.cluster;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.core.spi.cluster.NodeInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * The live nodes, as the cluster manager (Hazelcast) sees them: membership only. Who owns what is
 * never decided here but by leases in the journal (see {@link OwnershipVerticle}).
 */
public interface Membership {

  /** This node. */
  Member self();

  /** The live members, this node included, sorted by id. */
  Future<List<Member>> members();

  /** Whether this node is in a working cluster (always true for a single node). */
  boolean healthy();

  /** A node on its own. */
  static Membership single(Member self) {
    return new Membership() {
      @Override
      public Member self() {
        return self;
      }

      @Override
      public Future<List<Member>> members() {
        return Future.succeededFuture(List.of(self));
      }

      @Override
      public boolean healthy() {
        return true;
      }
    };
  }

  /**
   * Members from a Vert.x cluster manager: each node publishes itself (id, host, HTTP port) as
   * its cluster node metadata, read once per peer and cached while the peer stays.
   */
  static Membership of(ClusterManager manager, Member self) {
    return new Membership() {
      private final Map<String, Member> known = new HashMap<>();

      @Override
      public Member self() {
        return self;
      }

      @Override
      public boolean healthy() {
        return manager.isActive();
      }

      @Override
      public Future<List<Member>> members() {
        if (!manager.isActive()) {
          return Future.failedFuture("not in a cluster: Hazelcast is not running on this node");
        }
        List<String> nodes = manager.getNodes();
        synchronized (known) {
          known.keySet().retainAll(new HashSet<>(nodes));
        }
        List<Future<Member>> lookups = new ArrayList<>();
        for (String node : nodes) {
          Member cached;
          synchronized (known) {
            cached = known.get(node);
          }
          if (cached != null) {
            lookups.add(Future.succeededFuture(cached));
            continue;
          }
          Promise<NodeInfo> info = Promise.promise();
          manager.getNodeInfo(node, info);
          lookups.add(info.future().map(i -> {
            if (i == null || i.metadata() == null || i.metadata().getString("id") == null) {
              return null; // a peer still starting: counted once it has published itself
            }
            Member m = Member.fromJson(i.metadata());
            synchronized (known) {
              known.put(node, m);
            }
            return m;
          }).otherwise((Member) null));
        }
        return Future.all(lookups).map(all -> {
          List<Member> out = new ArrayList<>();
          for (int i = 0; i < all.size(); i++) {
            Member m = all.resultAt(i);
            if (m != null && out.stream().noneMatch(o -> o.id().equals(m.id()))) {
              out.add(m);
            }
          }
          if (out.stream().noneMatch(m -> m.id().equals(self.id()))) {
            out.add(self);
          }
          out.sort(java.util.Comparator.comparing(Member::id));
          return out;
        });
      }
    };
  }
}

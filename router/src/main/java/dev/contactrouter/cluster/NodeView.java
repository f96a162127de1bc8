package dev.contactrouter.cluster;

import dev.contactrouter.store.DomainLease;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One node's view of the cluster as {@code GET /v1/cluster} and {@code /health/ready} show it: the
 * members it sees, every domain's lease (owner node, its instance, epoch, expiry), what it holds,
 * and, for a node on its own, the domains another process holds while it stands by.
 *
 * @param leases every domain's lease, or null when the journal could not be read (then only what
 *     this node holds is known)
 */
record NodeView(Member self, boolean clustered, List<Member> members, Set<String> held, List<String> domains,
    List<DomainLease> leases, boolean healthy, String problem) {

  JsonObject toJson() {
    boolean readable = leases != null;
    JsonArray nodes = new JsonArray();
    for (Member m : members) {
      nodes.add(m.toJson().put("self", m.holder().equals(self.holder())));
    }
    Map<String, DomainLease> byDomain = new HashMap<>();
    if (readable) {
      leases.forEach(l -> byDomain.put(l.domain(), l));
    }
    JsonArray ds = new JsonArray();
    JsonArray standby = new JsonArray();
    for (String d : domains) {
      DomainLease l = byDomain.get(d);
      JsonObject o = new JsonObject().put("id", d);
      if (!readable) {
        o.put("owner", held.contains(d) ? self.id() : null).put("leaseUnknown", true);
      } else if (l != null && l.held()) {
        String until = Instant.ofEpochMilli(l.expiresAt()).toString();
        o.put("owner", l.owner()).put("instance", l.instance()).put("epoch", l.epoch()).put("leaseExpiresAt", until);
        if (!clustered && !self.holder().equals(l.holder())) {
          standby.add(new JsonObject().put("domain", d).put("holder", l.holder()).put("owner", l.owner())
              .put("instance", l.instance()).put("leaseExpiresAt", until));
        }
      } else {
        o.putNull("owner").put("epoch", l == null ? 0 : l.epoch());
      }
      ds.add(o);
    }
    return new JsonObject()
        .put("node", self.id())
        .put("instance", self.instance())
        .put("clustered", clustered)
        .put("healthy", readable && healthy)
        .put("problem", problem)
        .put("held", new JsonArray(new ArrayList<>(held)))
        .put("standby", standby)
        .put("nodes", nodes)
        .put("domains", ds);
  }
}

package dev.contactrouter.cluster;

import dev.contactrouter.store.DomainLease;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * A node of the cluster as its peers see it.
 *
 * @param id its {@code ROUTER_NODE_ID}: stable across restarts, what rendezvous hashing and
 *     {@code GET /v1/cluster} go by
 * @param instance this start of the process ({@link #newInstance()}): the id and the instance
 *     together name the holder of a lease, so two processes with one id never pass for one
 * @param host the address it announces
 * @param httpPort where it serves HTTP and agent WebSockets
 */
public record Member(String id, String instance, String host, int httpPort) {

  /** A name for one start of this process: its pid (what an operator looks for) and a random part. */
  public static String newInstance() {
    return ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 6);
  }

  /** The name this process's leases carry. */
  public String holder() {
    return DomainLease.holder(id, instance);
  }

  /** The metadata a node publishes about itself through the cluster manager. */
  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("instance", instance).put("host", host).put("httpPort", httpPort);
  }

  public static Member fromJson(JsonObject json) {
    return new Member(json.getString("id"), json.getString("instance"), json.getString("host"),
        json.getInteger("httpPort", -1));
  }
}

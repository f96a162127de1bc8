package dev.contactrouter.cluster;

import io.vertx.core.json.JsonObject;

/**
 * A node of the cluster as its peers see it.
 *
 * @param id its {@code ROUTER_NODE_ID}, the name its leases carry
 * @param host the address it announces
 * @param httpPort where it serves HTTP and agent WebSockets
 */
public record Member(String id, String host, int httpPort) {

  /** The metadata a node publishes about itself through the cluster manager. */
  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("host", host).put("httpPort", httpPort);
  }

  public static Member fromJson(JsonObject json) {
    return new Member(json.getString("id"), json.getString("host"), json.getInteger("httpPort", -1));
  }
}

package dev.contactrouter.api;

import dev.contactrouter.engine.Addresses;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.LocalMap;

/**
 * How many consoles (agent WebSockets) each agent has open on this node, across its API
 * verticles. Every change is told to that agent's sockets on this node as
 * {@code {"type":"consoles","open":n}}, so a client that drives an agent automatically (the
 * demo's robots) can step back while a person works the same agent from a console.
 *
 * <p>Node-local on purpose: a count is only told to the sockets it counts; an agent with consoles
 * on two nodes sees two counts, each of its own node.
 */
final class ConsolePresence {
  private static final String MAP = "router.agent-consoles";
  private static final DeliveryOptions LOCAL = new DeliveryOptions().setLocalOnly(true);

  private final Vertx vertx;
  private final LocalMap<String, Integer> open;

  ConsolePresence(Vertx vertx) {
    this.vertx = vertx;
    this.open = vertx.sharedData().getLocalMap(MAP);
  }

  /** A console of {@code agentId} opened (its socket already listens on the agent's address). */
  void opened(String domain, String agentId) {
    tell(domain, agentId, open.merge(key(domain, agentId), 1, Integer::sum));
  }

  /** A console of {@code agentId} closed. */
  void closed(String domain, String agentId) {
    Integer left = open.computeIfPresent(key(domain, agentId), (k, n) -> n <= 1 ? null : n - 1);
    tell(domain, agentId, left == null ? 0 : left);
  }

  private void tell(String domain, String agentId, int n) {
    vertx.eventBus().publish(Addresses.agent(domain, agentId),
        new JsonObject().put("type", "consoles").put("open", n), LOCAL);
  }

  private static String key(String domain, String agentId) {
    return domain + "\u0000" + agentId;
  }
}

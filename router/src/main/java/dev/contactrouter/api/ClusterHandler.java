package dev.contactrouter.api;

import dev.contactrouter.cluster.OwnershipVerticle;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /v1/cluster}: this node's view of the cluster, from its ownership verticle. */
record ClusterHandler(Vertx vertx, String nodeId, long timeoutMillis) {
  void getCluster(RoutingContext ctx) {
    vertx.eventBus().<JsonObject>request(OwnershipVerticle.viewAddress(nodeId), new JsonObject(),
            new DeliveryOptions().setSendTimeout(timeoutMillis))
        .onSuccess(m -> Requests.json(ctx, 200, m.body()))
        .onFailure(err -> ctx.fail(new dev.contactrouter.engine.DomainUnavailable(
            "this node cannot tell who owns what right now: " + err.getMessage(), 2)));
  }
}

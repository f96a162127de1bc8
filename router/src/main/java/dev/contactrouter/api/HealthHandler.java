package dev.contactrouter.api;

import dev.contactrouter.engine.DomainClient;
import dev.contactrouter.cluster.OwnershipVerticle;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;

/**
 * Health for probes and people, no credentials needed:
 *
 * <ul>
 *   <li>{@code GET /health/live}: the process answers (restart it if not);
 *   <li>{@code GET /health/ready}: it can take work: its domain's writer answers and its journal
 *       and timer store are usable; the failing part is named in {@code checks};
 *   <li>{@code GET /health}: the same as ready, plus the mode (embedded or durable).
 * </ul>
 */
final class HealthHandler {
  private final DomainClient domains;
  private final String domain;
  private final Vertx vertx;
  private final String nodeId;
  private final boolean durable;
  private final HealthCheckHandler live;
  private final HealthCheckHandler ready;

  HealthHandler(Vertx vertx, DomainClient domains, String domain, boolean durable, String nodeId) {
    this.vertx = vertx;
    this.nodeId = nodeId;
    this.domains = domains;
    this.domain = domain;
    this.durable = durable;
    this.live = HealthCheckHandler.createWithHealthChecks(HealthChecks.create(vertx)
        .register("event-loop", promise -> promise.complete(Status.OK())));
    HealthChecks readiness = HealthChecks.create(vertx);
    // One query to the writer answers all three checks; each names its own part.
    readiness.register("writer", 3000, promise -> health(promise, h -> h.getBoolean("available", false), h -> h));
    readiness.register("journal", 3000, promise -> health(promise, h -> "UP".equals(h.getString("journal")),
        h -> new JsonObject().put("status", h.getString("journal"))));
    readiness.register("timers", 3000, promise -> health(promise, h -> "UP".equals(h.getString("timers")),
        h -> new JsonObject().put("status", h.getString("timers"))));
    // This node's membership and its ownership rounds (which reach the journal's leases).
    readiness.register("cluster", 3000, promise -> vertx.eventBus()
        .<JsonObject>request(OwnershipVerticle.viewAddress(nodeId), new JsonObject(),
            new io.vertx.core.eventbus.DeliveryOptions().setSendTimeout(2500))
        .onSuccess(m -> {
          JsonObject view = m.body();
          boolean ok = view.getBoolean("healthy", false);
          JsonObject data = new JsonObject().put("node", nodeId).put("clustered", view.getBoolean("clustered"))
              .put("members", view.getJsonArray("nodes", new JsonArray()).size())
              .put("held", view.getJsonArray("held"));
          if (!ok) {
            data.put("reason", view.getString("problem"));
          }
          promise.complete(new Status().setOk(ok).setData(data));
        })
        .onFailure(err -> promise.complete(Status.KO(new JsonObject().put("reason", err.getMessage())))));
    this.ready = HealthCheckHandler.createWithHealthChecks(readiness);
  }

  private void health(io.vertx.core.Promise<Status> promise, java.util.function.Predicate<JsonObject> ok,
      java.util.function.Function<JsonObject, JsonObject> data) {
    domains.query(domain, "health", null)
        .onSuccess(found -> {
          JsonObject h = (JsonObject) found.orElseGet(JsonObject::new);
          promise.complete(new Status().setOk(ok.test(h)).setData(data.apply(h)));
        })
        .onFailure(err -> promise.complete(Status.KO(new JsonObject().put("reason", err.getMessage()))));
  }

  void live(RoutingContext ctx) {
    live.handle(ctx);
  }

  void ready(RoutingContext ctx) {
    ready.handle(ctx);
  }

  void health(RoutingContext ctx) {
    domains.query(domain, "status", null)
        .onSuccess(found -> {
          JsonObject status = (JsonObject) found.orElseGet(JsonObject::new);
          boolean up = status.getBoolean("available", false);
          Requests.json(ctx, up ? 200 : 503, new JsonObject()
              .put("status", up ? "UP" : "DOWN")
              .put("mode", durable ? "durable" : "embedded")
              .put("durable", durable)
              .put("domain", status));
        })
        .onFailure(err -> Requests.json(ctx, 503, new JsonObject()
            .put("status", "DOWN")
            .put("mode", durable ? "durable" : "embedded")
            .put("durable", durable)
            .put("detail", err.getMessage())));
  }
}

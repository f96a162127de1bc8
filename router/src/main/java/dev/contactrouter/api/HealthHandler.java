package dev.contactrouter.api;

import dev.contactrouter.engine.DomainClient;
import dev.contactrouter.engine.DomainHealth;
import dev.contactrouter.engine.DomainQuery.HealthQuery;
import dev.contactrouter.engine.DomainQuery.StatusQuery;
import dev.contactrouter.cluster.OwnershipVerticle;
import io.vertx.core.Future;
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
 *   <li>{@code GET /health/ready}: it can take work: it is in the cluster and its ownership
 *       rounds reach the journal, and every domain it writes has a writer taking commands with a
 *       usable journal and timer store (a node on its own also holds every domain: one that
 *       stands by for another process is not ready, and names it); the failing part is named in
 *       {@code checks};
 *   <li>{@code GET /health}: the same as ready, plus the mode (embedded or durable).
 * </ul>
 */
final class HealthHandler extends DomainHandler {
  private final Vertx vertx;
  private final String nodeId;
  private final boolean durable;
  private final HealthCheckHandler live;
  private final HealthCheckHandler ready;

  HealthHandler(Vertx vertx, DomainClient domains, String domain, boolean durable, String nodeId) {
    super(domains, domain);
    this.vertx = vertx;
    this.nodeId = nodeId;
    this.durable = durable;
    this.live = HealthCheckHandler.createWithHealthChecks(HealthChecks.create(vertx)
        .register("event-loop", promise -> promise.complete(Status.OK())));
    HealthChecks readiness = HealthChecks.create(vertx);
    // One look at this node (its ownership view, then the health of each domain it writes)
    // answers every check; each names its own part. A cluster node that writes no domain is
    // ready as long as it is in the cluster: it serves HTTP and sockets for the others.
    // A node on its own that another process holds a domain's lease against stands by: not ready,
    // naming the holder, until that lease is released or runs out.
    readiness.register("writer", 3000, promise -> check(promise, n -> {
      JsonArray down = new JsonArray();
      n.domains().forEach(h -> {
        if (!h.available()) {
          down.add(h.domain());
        }
      });
      JsonArray standby = n.view().getJsonArray("standby", new JsonArray());
      JsonObject data = new JsonObject().put("held", n.held()).put("unavailable", down);
      if (!standby.isEmpty()) {
        JsonObject first = standby.getJsonObject(0);
        data.put("standby", standby).put("reason", "standing by: domain " + first.getString("domain")
            + " is held by another process (" + first.getString("owner") + ", instance " + first.getString("instance")
            + ", lease until " + first.getString("leaseExpiresAt") + "); this node takes it over once that lease is "
            + "released or runs out");
      }
      return new Status().setOk(down.isEmpty() && standby.isEmpty()).setData(data);
    }));
    readiness.register("journal", 3000, promise -> check(promise, n -> part(n, DomainHealth::journal,
        n.view().getBoolean("healthy", false) ? "UP" : "DOWN: " + n.view().getString("problem"))));
    readiness.register("timers", 3000, promise -> check(promise, n -> part(n, DomainHealth::timers,
        "UP (no domain written here)")));
    readiness.register("cluster", 3000, promise -> check(promise, n -> {
      JsonObject view = n.view();
      boolean ok = view.getBoolean("healthy", false);
      JsonObject data = new JsonObject().put("node", nodeId).put("clustered", view.getBoolean("clustered"))
          .put("members", view.getJsonArray("nodes", new JsonArray()).size()).put("held", n.held());
      if (!ok) {
        data.put("reason", view.getString("problem"));
      }
      return new Status().setOk(ok).setData(data);
    }));
    this.ready = HealthCheckHandler.createWithHealthChecks(readiness);
  }

  /** This node's ownership view and the health of each domain it writes. */
  private record NodeHealth(JsonObject view, JsonArray held, java.util.List<DomainHealth> domains) {}

  private Future<NodeHealth> lastLook;
  private long lastLookAt;

  /** One look serves the checks of one probe (they run together): reused for half a second. */
  private Future<NodeHealth> look() {
    long now = System.currentTimeMillis();
    if (lastLook != null && now - lastLookAt < 500) {
      return lastLook;
    }
    lastLookAt = now;
    lastLook = vertx.eventBus()
        .<JsonObject>request(OwnershipVerticle.viewAddress(nodeId), new JsonObject(),
            new io.vertx.core.eventbus.DeliveryOptions().setSendTimeout(2500))
        .compose(m -> {
          JsonObject view = m.body();
          JsonArray held = view.getJsonArray("held", new JsonArray());
          java.util.List<Future<DomainHealth>> each = new java.util.ArrayList<>();
          for (Object d : held) {
            each.add(domains.ask((String) d, new HealthQuery())
                .otherwise(err -> new DomainHealth((String) d, false, 0,
                    "DOWN: " + err.getMessage(), "DOWN: " + err.getMessage())));
          }
          return Future.all(each).map(all -> new NodeHealth(view, held, all.list()));
        });
    return lastLook;
  }

  private void check(io.vertx.core.Promise<Status> promise, java.util.function.Function<NodeHealth, Status> judge) {
    look().onSuccess(n -> promise.complete(judge.apply(n)))
        .onFailure(err -> promise.complete(Status.KO(new JsonObject().put("reason", err.getMessage()))));
  }

  /** A store's status as every domain written here sees it ({@code none} when it writes none). */
  private static Status part(NodeHealth n, java.util.function.Function<DomainHealth, String> store, String none) {
    if (n.domains().isEmpty()) {
      return new Status().setOk(none.startsWith("UP")).setData(new JsonObject().put("status", none));
    }
    JsonObject data = new JsonObject();
    boolean ok = true;
    for (DomainHealth h : n.domains()) {
      String status = store.apply(h);
      data.put(h.domain(), status);
      ok &= "UP".equals(status);
    }
    return new Status().setOk(ok).setData(ok && n.domains().size() == 1 ? new JsonObject().put("status", "UP") : data);
  }

  void live(RoutingContext ctx) {
    live.handle(ctx);
  }

  void ready(RoutingContext ctx) {
    ready.handle(ctx);
  }

  void health(RoutingContext ctx) {
    domains.ask(domain, new StatusQuery())
        .onSuccess(s -> {
          JsonObject status = new JsonObject()
              .put("domain", s.domain())
              .put("available", s.available())
              .put("seq", s.seq())
              .put("waiting", s.waiting())
              .put("durable", s.durable());
          boolean up = s.available();
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

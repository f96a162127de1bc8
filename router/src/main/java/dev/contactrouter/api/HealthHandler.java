package dev.contactrouter.api;

import dev.contactrouter.engine.DomainClient;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /health}: up when the domain's writer answers and takes work. No credentials needed. */
final class HealthHandler {
  private final DomainClient domains;
  private final String domain;
  private final boolean durable;

  HealthHandler(DomainClient domains, String domain, boolean durable) {
    this.domains = domains;
    this.domain = domain;
    this.durable = durable;
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

package dev.contactrouter.api;

import dev.contactrouter.codec.SpecJson;
import dev.contactrouter.core.Command;
import dev.contactrouter.engine.DomainClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The securities service rules (an administrator's) and the return visits they schedule (a supervisor's view). */
final class ServiceHandler {
  private final DomainClient domains;
  private final String domain;

  ServiceHandler(DomainClient domains, String domain) {
    this.domains = domains;
    this.domain = domain;
  }

  void putRules(RoutingContext ctx) {
    Command command = new Command.ConfigureRules(Requests.principal(ctx).actor(), SpecJson.rules(Requests.body(ctx)));
    domains.command(domain, command, Requests.idempotencyKey(ctx), Requests.fingerprint(ctx))
        .onSuccess(reply -> Requests.json(ctx, 200, reply))
        .onFailure(ctx::fail);
  }

  void getRules(RoutingContext ctx) {
    domains.query(domain, "rules", null)
        .onSuccess(found -> Requests.json(ctx, 200, (JsonObject) found.orElseGet(JsonObject::new)))
        .onFailure(ctx::fail);
  }

  void listFollowUps(RoutingContext ctx) {
    domains.query(domain, "followUps", null)
        .onSuccess(found -> Requests.json(ctx, 200, (JsonArray) found.orElseGet(JsonArray::new)))
        .onFailure(ctx::fail);
  }
}

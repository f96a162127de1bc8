package dev.contactrouter.api;

import dev.contactrouter.codec.SpecJson;
import dev.contactrouter.core.Command;
import dev.contactrouter.engine.DomainClient;
import dev.contactrouter.engine.DomainQuery.FollowUpsQuery;
import dev.contactrouter.engine.DomainQuery.RulesQuery;
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
        .map(Requests::reply)
        .onSuccess(reply -> Requests.json(ctx, 200, reply))
        .onFailure(ctx::fail);
  }

  void getRules(RoutingContext ctx) {
    domains.ask(domain, new RulesQuery())
        .onSuccess(rules -> Requests.json(ctx, 200, SpecJson.rules(rules)))
        .onFailure(ctx::fail);
  }

  void listFollowUps(RoutingContext ctx) {
    domains.ask(domain, new FollowUpsQuery())
        .onSuccess(followUps -> Requests.json(ctx, 200, Requests.array(followUps, SpecJson::followUp)))
        .onFailure(ctx::fail);
  }
}

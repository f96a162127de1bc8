package dev.contactrouter.api;

import dev.contactrouter.codec.SpecJson;
import dev.contactrouter.core.Command;
import dev.contactrouter.engine.DomainClient;
import dev.contactrouter.engine.DomainQuery.FollowUpsQuery;
import dev.contactrouter.engine.DomainQuery.RulesQuery;
import io.vertx.ext.web.RoutingContext;

/** The securities service rules (an administrator's) and the return visits they schedule (a supervisor's view). */
final class ServiceHandler extends DomainHandler {
  ServiceHandler(DomainClient domains, String domain) {
    super(domains, domain);
  }

  void putRules(RoutingContext ctx) {
    Command command = new Command.ConfigureRules(Requests.principal(ctx).actor(), SpecJson.rules(Requests.body(ctx)));
    command(ctx, command);
  }

  void getRules(RoutingContext ctx) {
    domains.ask(domain, new RulesQuery())
        .onSuccess(rules -> Requests.json(ctx, 200, SpecJson.rules(rules)))
        .onFailure(ctx::fail);
  }

  void listFollowUps(RoutingContext ctx) {
    list(ctx, new FollowUpsQuery(), SpecJson::followUp);
  }
}

package dev.contactrouter.api;

import dev.contactrouter.codec.SpecJson;
import dev.contactrouter.codec.ViewJson;
import dev.contactrouter.core.AgentStatus;
import dev.contactrouter.core.Command;
import dev.contactrouter.engine.DomainClient;
import dev.contactrouter.engine.DomainQuery.AgentQuery;
import dev.contactrouter.engine.DomainQuery.AgentsQuery;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Agents: profiles (administrators) and states (the agent itself, or its supervisor). */
final class AgentHandler {
  private final DomainClient domains;
  private final String domain;

  AgentHandler(DomainClient domains, String domain) {
    this.domains = domains;
    this.domain = domain;
  }

  void putAgent(RoutingContext ctx) {
    Command command = new Command.ConfigureAgent(
        Requests.principal(ctx).actor(), SpecJson.agent(ctx.pathParam("id"), Requests.body(ctx)));
    domains.command(domain, command, Requests.idempotencyKey(ctx), Requests.fingerprint(ctx))
        .map(Requests::reply)
        .onSuccess(reply -> Requests.json(ctx, 200, reply))
        .onFailure(ctx::fail);
  }

  void getAgent(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    domains.ask(domain, new AgentQuery(id))
        .onSuccess(found -> found.ifPresentOrElse(
            a -> Requests.json(ctx, 200, ViewJson.agent(a)),
            () -> ctx.fail(ApiProblem.notFound("no agent '" + id + "'"))))
        .onFailure(ctx::fail);
  }

  void listAgents(RoutingContext ctx) {
    domains.ask(domain, new AgentsQuery())
        .onSuccess(agents -> Requests.json(ctx, 200, Requests.array(agents, ViewJson::agent)))
        .onFailure(ctx::fail);
  }

  void putAgentStatus(RoutingContext ctx) {
    JsonObject body = Requests.body(ctx);
    Command command = new Command.SetAgentStatus(
        Requests.principal(ctx).actor(),
        ctx.pathParam("id"),
        AgentStatus.fromWire(body.getString("status")).orElseThrow(),
        body.getString("reason"));
    domains.command(domain, command, Requests.idempotencyKey(ctx), Requests.fingerprint(ctx))
        .map(Requests::reply)
        .onSuccess(reply -> Requests.json(ctx, 200, reply))
        .onFailure(ctx::fail);
  }
}

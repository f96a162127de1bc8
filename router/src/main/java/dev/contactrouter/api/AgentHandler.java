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
final class AgentHandler extends DomainHandler {
  AgentHandler(DomainClient domains, String domain) {
    super(domains, domain);
  }

  void putAgent(RoutingContext ctx) {
    put(ctx, (actor, id, body) -> new Command.ConfigureAgent(actor, SpecJson.agent(id, body)));
  }

  void getAgent(RoutingContext ctx) {
    byId(ctx, "agent", AgentQuery::new, ViewJson::agent);
  }

  void listAgents(RoutingContext ctx) {
    list(ctx, new AgentsQuery(), ViewJson::agent);
  }

  void putAgentStatus(RoutingContext ctx) {
    JsonObject body = Requests.body(ctx);
    Command command = new Command.SetAgentStatus(
        Requests.principal(ctx).actor(),
        ctx.pathParam("id"),
        AgentStatus.fromWire(body.getString("status")).orElseThrow(),
        body.getString("reason"));
    command(ctx, command);
  }
}

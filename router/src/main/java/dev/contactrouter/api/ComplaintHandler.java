package dev.contactrouter.api;

import dev.contactrouter.codec.SpecJson;
import dev.contactrouter.core.Command;
import dev.contactrouter.core.Complaint;
import dev.contactrouter.engine.DomainClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/**
 * Complaint cases: opened by an agent from a contact it holds (or by a supervisor), worked stage by
 * stage by the agent holding the stage's work item, watched by supervisors.
 */
final class ComplaintHandler {
  private final DomainClient domains;
  private final String domain;

  ComplaintHandler(DomainClient domains, String domain) {
    this.domains = domains;
    this.domain = domain;
  }

  void openComplaint(RoutingContext ctx) {
    JsonObject body = Requests.body(ctx);
    Principal p = Requests.principal(ctx);
    JsonObject customer = body.getJsonObject("customer");
    Command command = new Command.OpenComplaint(p.actor(), UUID.randomUUID().toString(), body.getString("contactId"),
        p.byAgent(), customer == null ? null : SpecJson.customer(customer),
        body.getString("channel") == null ? null : SpecJson.channel(body.getString("channel")),
        body.getString("summary"), kind(body.getString("class")), severity(body.getString("severity")));
    domains.command(domain, command, Requests.idempotencyKey(ctx), Requests.fingerprint(ctx))
        .onSuccess(reply -> {
          ctx.response().putHeader("Location", "/v1/complaints/" + reply.getString("id"));
          Requests.json(ctx, 201, reply);
        })
        .onFailure(ctx::fail);
  }

  void getComplaint(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    Principal p = Requests.principal(ctx);
    domains.query(domain, "complaint", id)
        .onSuccess(found -> {
          if (found.isEmpty()) {
            ctx.fail(ApiProblem.notFound("no complaint case '" + id + "'"));
            return;
          }
          JsonObject kase = (JsonObject) found.get();
          if (p.isAgent() && !works(kase, p.agentId())) {
            ctx.fail(ApiProblem.forbidden(
                "an agent may only read a case whose current work item it holds, or whose close awaits it"));
            return;
          }
          Requests.json(ctx, 200, kase);
        })
        .onFailure(ctx::fail);
  }

  void listComplaints(RoutingContext ctx) {
    JsonObject q = new JsonObject().put("query", "complaints")
        .put("openOnly", "true".equals(ctx.queryParams().get("open")))
        .put("nearBreachOnly", "true".equals(ctx.queryParams().get("nearBreach")));
    domains.query(domain, q)
        .onSuccess(found -> Requests.json(ctx, 200, (JsonArray) found.orElseGet(JsonArray::new)))
        .onFailure(ctx::fail);
  }

  void advanceComplaint(RoutingContext ctx) {
    JsonObject body = Requests.body(ctx);
    Principal p = Requests.principal(ctx);
    Complaint.Step step = Complaint.Step.fromWire(ctx.pathParam("step")).orElseThrow();
    Command command = new Command.AdvanceComplaint(p.actor(), ctx.pathParam("id"), step, p.byAgent(),
        body.getString("note"), kind(body.getString("class")), severity(body.getString("severity")),
        body.getString("department"), body.getString("agentId"), body.getBoolean("satisfied"));
    domains.command(domain, command, Requests.idempotencyKey(ctx), Requests.fingerprint(ctx))
        .onSuccess(reply -> Requests.json(ctx, 200, reply))
        .onFailure(ctx::fail);
  }

  /**
   * The agent holds (or is offered) the case's current work item, or recorded the customer's
   * feedback and so is the one agent who may close it: finishing the feedback work item must not
   * lock it out of the case it is about to close.
   */
  private static boolean works(JsonObject kase, String agentId) {
    JsonObject work = kase.getJsonObject("work");
    if (work != null && (agentId.equals(work.getString("agentId")) || agentId.equals(work.getString("offeredTo")))) {
      return true;
    }
    return "feedback".equals(kase.getString("stage")) && kase.getValue("satisfied") != null
        && ("agent:" + agentId).equals(lastFeedbackBy(kase));
  }

  private static String lastFeedbackBy(JsonObject kase) {
    JsonArray history = kase.getJsonArray("history", new JsonArray());
    for (int i = history.size() - 1; i >= 0; i--) {
      JsonObject t = history.getJsonObject(i);
      if ("feedback".equals(t.getString("step"))) {
        return t.getString("by");
      }
    }
    return null;
  }

  private static Complaint.Kind kind(String wire) {
    return wire == null ? null : Complaint.Kind.fromWire(wire).orElseThrow();
  }

  private static Complaint.Severity severity(String wire) {
    return wire == null ? null : Complaint.Severity.fromWire(wire).orElseThrow();
  }
}

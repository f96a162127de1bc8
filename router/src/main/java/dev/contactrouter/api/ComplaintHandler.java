package dev.contactrouter.api;

import dev.contactrouter.codec.SpecJson;
import dev.contactrouter.codec.ViewJson;
import dev.contactrouter.core.CaseView;
import dev.contactrouter.core.Command;
import dev.contactrouter.core.Complaint;
import dev.contactrouter.engine.ComplaintCase;
import dev.contactrouter.engine.DomainClient;
import dev.contactrouter.engine.DomainQuery.ComplaintQuery;
import dev.contactrouter.engine.DomainQuery.ComplaintsQuery;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/**
 * Complaint cases: opened by an agent from a contact it holds (or by a supervisor), worked stage by
 * stage by the agent holding the stage's work item, watched by supervisors.
 */
final class ComplaintHandler extends DomainHandler {
  ComplaintHandler(DomainClient domains, String domain) {
    super(domains, domain);
  }

  void openComplaint(RoutingContext ctx) {
    created(ctx, domains, domain, openCommand(ctx), "/v1/complaints/", new JsonObject());
  }

  /** The command a request to open a complaint case sends (here, or as {@code POST /v1/cases}). */
  static Command openCommand(RoutingContext ctx) {
    JsonObject body = Requests.body(ctx);
    Principal p = Requests.principal(ctx);
    JsonObject customer = body.getJsonObject("customer");
    return new Command.OpenComplaint(p.actor(), UUID.randomUUID().toString(), body.getString("contactId"),
        p.byAgent(), customer == null ? null : SpecJson.customer(customer),
        body.getString("channel") == null ? null : SpecJson.channel(body.getString("channel")),
        body.getString("summary"), kind(body.getString("class")), severity(body.getString("severity")));
  }

  /** Answers 201 with the opened case's reply (and {@code extra} fields), its Location under {@code path}. */
  static void created(RoutingContext ctx, DomainClient domains, String domain, Command command, String path,
      JsonObject extra) {
    domains.command(domain, command, Requests.idempotencyKey(ctx), Requests.fingerprint(ctx))
        .map(Requests::reply)
        .onSuccess(reply -> {
          ctx.response().putHeader("Location", path + reply.getString("id"));
          Requests.json(ctx, 201, reply.mergeIn(extra));
        })
        .onFailure(ctx::fail);
  }

  void getComplaint(RoutingContext ctx) {
    byIdAsOf(ctx, "complaint case", ComplaintQuery::new, ComplaintHandler::works,
        "an agent may only read a case whose current work item it holds, or whose close awaits it",
        ComplaintHandler::complaint);
  }

  void listComplaints(RoutingContext ctx) {
    ComplaintsQuery q = new ComplaintsQuery(
        "true".equals(ctx.queryParams().get("open")), "true".equals(ctx.queryParams().get("nearBreach")));
    domains.ask(domain, q)
        .onSuccess(found -> Requests.json(ctx, 200, Requests.array(found.value(), k -> complaint(k, found.now()))))
        .onFailure(ctx::fail);
  }

  void advanceComplaint(RoutingContext ctx) {
    JsonObject body = Requests.body(ctx);
    Principal p = Requests.principal(ctx);
    Complaint.Step step = Complaint.Step.fromWire(ctx.pathParam("step")).orElseThrow();
    Command command = new Command.AdvanceComplaint(p.actor(), ctx.pathParam("id"), step, p.byAgent(),
        body.getString("note"), kind(body.getString("class")), severity(body.getString("severity")),
        body.getString("department"), body.getString("agentId"), body.getBoolean("satisfied"));
    command(ctx, command);
  }

  /** A supervisor reopens a case whose customer was unsatisfied: back to investigation, one history. */
  void reopenComplaint(RoutingContext ctx) {
    JsonObject body = Requests.body(ctx);
    command(ctx, new Command.ReopenComplaint(Requests.principal(ctx).actor(), ctx.pathParam("id"),
        body.getString("reason"), body.getString("department"), body.getString("agentId")));
  }

  /**
   * The agent holds (or is offered) the case's current work item, or recorded the customer's
   * feedback and so is the one agent who may close it: finishing the feedback work item must not
   * lock it out of the case it is about to close.
   */
  static boolean works(ComplaintCase kase, String agentId) {
    ComplaintCase.Work work = kase.work();
    if (work != null && (agentId.equals(work.agentId()) || agentId.equals(work.offeredTo()))) {
      return true;
    }
    CaseView k = kase.kase();
    return "feedback".equals(k.stage().wire()) && k.satisfied() != null
        && ("agent:" + agentId).equals(lastFeedbackBy(k));
  }

  private static String lastFeedbackBy(CaseView kase) {
    for (int i = kase.history().size() - 1; i >= 0; i--) {
      CaseView.Transition t = kase.history().get(i);
      if (t.step() != null && "feedback".equals(t.step().wire())) {
        return t.by();
      }
    }
    return null;
  }

  /** A case as the API shows it, with its current work item when it has one. */
  static JsonObject complaint(ComplaintCase kase, long now) {
    return withWork(ViewJson.complaint(kase.kase(), now), kase.work());
  }

  /** A case's JSON with its current work item, when it has one. */
  static JsonObject withWork(JsonObject json, ComplaintCase.Work work) {
    if (work != null) {
      JsonObject w = new JsonObject().put("contactId", work.contactId()).put("status", work.status().wire())
          .put("queue", work.queue());
      if (work.agentId() != null) {
        w.put("agentId", work.agentId());
      }
      if (work.offeredTo() != null) {
        w.put("offeredTo", work.offeredTo());
      }
      json.put("work", w);
    }
    return json;
  }

  private static Complaint.Kind kind(String wire) {
    return wire == null ? null : Complaint.Kind.fromWire(wire).orElseThrow();
  }

  private static Complaint.Severity severity(String wire) {
    return wire == null ? null : Complaint.Severity.fromWire(wire).orElseThrow();
  }
}

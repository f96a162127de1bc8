package dev.contactrouter.api;

import dev.contactrouter.codec.SpecJson;
import dev.contactrouter.codec.ViewJson;
import dev.contactrouter.core.AccountOpening;
import dev.contactrouter.core.Command;
import dev.contactrouter.engine.AccountCase;
import dev.contactrouter.engine.ComplaintCase;
import dev.contactrouter.engine.DomainClient;
import dev.contactrouter.engine.DomainQuery.AccountCaseQuery;
import dev.contactrouter.engine.DomainQuery.AccountCasesQuery;
import dev.contactrouter.engine.DomainQuery.ComplaintQuery;
import dev.contactrouter.engine.DomainQuery.ComplaintsQuery;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Cases of every type under one resource: account-opening cases (opened from any channel, a branch
 * ticket included, worked step by step by the agent holding each step's work item) and complaint
 * cases, which may be opened and read here too while {@code /v1/complaints} keeps working.
 */
final class CaseHandler extends DomainHandler {
  static final String ACCOUNT_OPENING = "account_opening";
  static final String COMPLAINT = "complaint";

  CaseHandler(DomainClient domains, String domain) {
    super(domains, domain);
  }

  void openCase(RoutingContext ctx) {
    JsonObject body = Requests.body(ctx);
    Principal p = Requests.principal(ctx);
    if (COMPLAINT.equals(body.getString("type"))) {
      if (!p.isAgent() && !"supervisor".equals(p.role())) {
        ctx.fail(ApiProblem.forbidden("complaint cases are opened by agents and supervisors (as POST /v1/complaints)"));
        return;
      }
      ComplaintHandler.created(ctx, domains, domain, ComplaintHandler.openCommand(ctx), "/v1/cases/",
          new JsonObject().put("type", COMPLAINT));
      return;
    }
    JsonObject customer = body.getJsonObject("customer");
    Command command = new Command.OpenAccountCase(p.actor(), UUID.randomUUID().toString(), body.getString("contactId"),
        p.byAgent(), customer == null ? null : SpecJson.customer(customer),
        body.getString("channel") == null ? null : SpecJson.channel(body.getString("channel")));
    ComplaintHandler.created(ctx, domains, domain, command, "/v1/cases/", new JsonObject());
  }

  /** A case of either type: an account-opening case if one has the id, else a complaint case. */
  void getCase(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    Principal p = Requests.principal(ctx);
    domains.ask(domain, new AccountCaseQuery(id)).compose(account -> {
      if (account.isPresent()) {
        AccountCase k = account.get().value();
        if (p.isAgent() && !works(k.work(), p.agentId())) {
          return Future.failedFuture(ApiProblem.forbidden(
              "an agent may only read a case whose current work item it holds"));
        }
        return Future.succeededFuture(accountCase(k, account.get().now()));
      }
      return domains.ask(domain, new ComplaintQuery(id)).compose(complaint -> {
        if (complaint.isEmpty()) {
          return Future.failedFuture(ApiProblem.notFound("no case '" + id + "'"));
        }
        if (p.isAgent() && !ComplaintHandler.works(complaint.get().value(), p.agentId())) {
          return Future.failedFuture(ApiProblem.forbidden(
              "an agent may only read a case whose current work item it holds, or whose close awaits it"));
        }
        return Future.succeededFuture(complaint(complaint.get().value(), complaint.get().now()));
      });
    }).onSuccess(json -> Requests.json(ctx, 200, json)).onFailure(ctx::fail);
  }

  /** Cases of both types (or the one {@code type} names), ordered by id. */
  void listCases(RoutingContext ctx) {
    String type = ctx.queryParams().get("type");
    boolean open = "true".equals(ctx.queryParams().get("open"));
    boolean near = "true".equals(ctx.queryParams().get("nearBreach"));
    Future<List<JsonObject>> accounts = COMPLAINT.equals(type) ? Future.succeededFuture(List.of())
        : domains.ask(domain, new AccountCasesQuery(open, near))
            .map(found -> found.value().stream().map(k -> accountCase(k, found.now())).toList());
    Future<List<JsonObject>> complaints = ACCOUNT_OPENING.equals(type) ? Future.succeededFuture(List.of())
        : domains.ask(domain, new ComplaintsQuery(open, near))
            .map(found -> found.value().stream().map(k -> complaint(k, found.now())).toList());
    Future.all(accounts, complaints).map(both -> {
      List<JsonObject> all = new ArrayList<>(accounts.result());
      all.addAll(complaints.result());
      all.sort(Comparator.comparing(j -> j.getString("id")));
      return new JsonArray(new ArrayList<>(all));
    }).onSuccess(array -> Requests.json(ctx, 200, array)).onFailure(ctx::fail);
  }

  void advanceCase(RoutingContext ctx) {
    JsonObject body = Requests.body(ctx);
    Principal p = Requests.principal(ctx);
    AccountOpening.Step step = AccountOpening.Step.fromWire(ctx.pathParam("step")).orElseThrow();
    command(ctx, new Command.AdvanceAccountCase(p.actor(), ctx.pathParam("id"), step, p.byAgent(),
        body.getString("note")));
  }

  private static boolean works(ComplaintCase.Work work, String agentId) {
    return work != null && (agentId.equals(work.agentId()) || agentId.equals(work.offeredTo()));
  }

  private static JsonObject accountCase(AccountCase k, long now) {
    return ComplaintHandler.withWork(ViewJson.accountCase(k.kase(), now), k.work());
  }

  private static JsonObject complaint(ComplaintCase k, long now) {
    return ComplaintHandler.complaint(k, now).put("type", COMPLAINT);
  }
}

package dev.contactrouter.api;

import dev.contactrouter.codec.ViewJson;
import dev.contactrouter.core.Command;
import dev.contactrouter.core.Command.CallReport;
import dev.contactrouter.engine.DomainClient;
import dev.contactrouter.engine.DomainQuery.CallQuery;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.HashSet;
import java.util.Set;

/**
 * What a telephone switch reports about the calls it holds, each named by its SIP Call-ID: the
 * agent's phone ringing, answered or not, the call hung up, and the list of calls it still has.
 * The switch retries, so every report is idempotent (the core decides that from the contact's
 * state, which survives a restart or a takeover).
 */
final class CallHandler {
  /** A call younger than this is never taken for lost: the switch may not have listed it yet. */
  static final long RECONCILE_GRACE_MILLIS = 10_000;

  private final DomainClient domains;
  private final String domain;

  CallHandler(DomainClient domains, String domain) {
    this.domains = domains;
    this.domain = domain;
  }

  void getCall(RoutingContext ctx) {
    String callId = ctx.pathParam("callId");
    domains.ask(domain, new CallQuery(callId))
        .onSuccess(found -> {
          if (found.isEmpty()) {
            ctx.fail(ApiProblem.notFound("no contact for call '" + callId + "'"));
          } else {
            Requests.json(ctx, 200, ViewJson.contact(found.get().value(), found.get().now()));
          }
        })
        .onFailure(ctx::fail);
  }

  void callRinging(RoutingContext ctx) {
    report(ctx, CallReport.RINGING, null);
  }

  void callAnswered(RoutingContext ctx) {
    report(ctx, CallReport.ANSWERED, null);
  }

  void callNotAnswered(RoutingContext ctx) {
    report(ctx, CallReport.NOT_ANSWERED, Requests.body(ctx).getString("reason", "no-answer"));
  }

  void callHangup(RoutingContext ctx) {
    report(ctx, CallReport.HANGUP, Requests.body(ctx).getString("by"));
  }

  void reconcileCalls(RoutingContext ctx) {
    Set<String> alive = new HashSet<>();
    for (Object callId : Requests.body(ctx).getJsonArray("alive", new JsonArray())) {
      alive.add((String) callId);
    }
    domains.command(domain, new Command.ReconcileCalls(Requests.principal(ctx).actor(), alive, RECONCILE_GRACE_MILLIS))
        .map(Requests::reply)
        .onSuccess(reply -> Requests.json(ctx, 200, reply))
        .onFailure(ctx::fail);
  }

  private void report(RoutingContext ctx, CallReport report, String reason) {
    JsonObject body = Requests.body(ctx);
    domains.command(domain, new Command.ReportCall(Requests.principal(ctx).actor(), ctx.pathParam("callId"), report,
            body.getString("offerId"), reason))
        .map(Requests::reply)
        .onSuccess(reply -> Requests.json(ctx, 200, reply))
        .onFailure(ctx::fail);
  }
}

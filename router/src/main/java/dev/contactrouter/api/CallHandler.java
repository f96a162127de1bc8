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
final class CallHandler extends DomainHandler {
  /** A call younger than this is never taken for lost: the switch may not have listed it yet. */
  static final long RECONCILE_GRACE_MILLIS = 10_000;

  CallHandler(DomainClient domains, String domain) {
    super(domains, domain);
  }

  void getCall(RoutingContext ctx) {
    String callId = ctx.pathParam("callId");
    one(ctx, new CallQuery(callId), "no contact for call '" + callId + "'",
        found -> ViewJson.contact(found.value(), found.now()));
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
    reply(ctx, domains.command(domain,
        new Command.ReconcileCalls(Requests.principal(ctx).actor(), alive, RECONCILE_GRACE_MILLIS)));
  }

  private void report(RoutingContext ctx, CallReport report, String reason) {
    JsonObject body = Requests.body(ctx);
    reply(ctx, domains.command(domain, new Command.ReportCall(Requests.principal(ctx).actor(),
        ctx.pathParam("callId"), report, body.getString("offerId"), reason)));
  }
}

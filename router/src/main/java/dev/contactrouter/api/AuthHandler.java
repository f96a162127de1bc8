package dev.contactrouter.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /v1/auth/login}: a console user trades user name and password for a token; {@code
 * POST /v1/auth/ws-ticket}: a caller trades its credential for a single-use ticket to open a
 * socket or an event stream with.
 */
final class AuthHandler {
  private final UserTokens tokens;
  private final Gate gate;

  AuthHandler(UserTokens tokens, Gate gate) {
    this.tokens = tokens;
    this.gate = gate;
  }

  void login(RoutingContext ctx) {
    JsonObject body = Requests.body(ctx);
    ctx.response().putHeader("Cache-Control", "no-store");
    tokens.signIn(body.getString("username"), body.getString("password"))
        .onSuccess(signIn -> Requests.json(ctx, 200, signIn.toJson()))
        .onFailure(ctx::fail);
  }

  void issueStreamTicket(RoutingContext ctx) {
    ctx.response().putHeader("Cache-Control", "no-store");
    gate.issueTicket(Requests.principal(ctx))
        .onSuccess(ticket -> Requests.json(ctx, 201, ticket.toJson()))
        .onFailure(ctx::fail);
  }
}

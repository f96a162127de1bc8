package dev.contactrouter.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** {@code POST /v1/auth/login}: a console user trades user name and password for a token. */
final class AuthHandler {
  private final UserTokens tokens;

  AuthHandler(UserTokens tokens) {
    this.tokens = tokens;
  }

  void login(RoutingContext ctx) {
    JsonObject body = Requests.body(ctx);
    ctx.response().putHeader("Cache-Control", "no-store");
    tokens.signIn(body.getString("username"), body.getString("password"))
        .onSuccess(signIn -> Requests.json(ctx, 200, signIn.toJson()))
        .onFailure(ctx::fail);
  }
}

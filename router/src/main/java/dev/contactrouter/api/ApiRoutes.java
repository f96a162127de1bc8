package dev.contactrouter.api;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.RequestValidator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds the HTTP router from the OpenAPI document. Each operation's route runs the same steps in
 * order: authenticate the caller, check its role against the operation's {@code x-roles},
 * validate the request against the document, then the business handler. An operation without a
 * handler, or a handler without an operation, fails the start.
 */
final class ApiRoutes {
  private ApiRoutes() {}

  static Router build(
      Vertx vertx,
      OpenAPIContract contract,
      ApiKeys keys,
      int bodyLimit,
      Map<String, Handler<RoutingContext>> handlers) {
    Router router = Router.router(vertx);
    ProblemHandler problems = new ProblemHandler();
    RequestValidator validator = RequestValidator.create(vertx, contract);
    RequestExtractor extractor = RequestExtractor.withBodyHandler();
    Handler<RoutingContext> authenticate = authenticate(keys);

    // A WebSocket upgrade must still be unread when the handler finally upgrades it, after the
    // asynchronous steps below: hold the request until then.
    router.route().handler(ctx -> {
      if ("websocket".equalsIgnoreCase(ctx.request().getHeader("Upgrade"))) {
        ctx.request().pause();
      }
      ctx.next();
    });
    router.route("/v1/*").handler(BodyHandler.create(false).setBodyLimit(bodyLimit));
    Set<String> unbound = new TreeSet<>(handlers.keySet());
    for (Operation op : contract.operations()) {
      Handler<RoutingContext> handler = handlers.get(op.getOperationId());
      if (handler == null) {
        throw new IllegalStateException("no handler for operation " + op.getOperationId());
      }
      unbound.remove(op.getOperationId());
      List<String> roles = roles(op);
      Route route = router.route(op.getHttpMethod(), op.getOpenAPIPath().replaceAll("\\{(.*?)}", ":$1"));
      if (!roles.contains("public")) {
        route.handler(authenticate).handler(authorize(roles));
      }
      route.handler(ctx -> extractor.extractValidatableRequest(ctx, op)
              .compose(request -> validator.validate(request, op.getOperationId()))
              .onSuccess(validated -> {
                ctx.put(Requests.VALIDATED, validated);
                ctx.next();
              })
              .onFailure(ctx::fail))
          .handler(handler)
          .failureHandler(problems);
    }
    if (!unbound.isEmpty()) {
      throw new IllegalStateException("handlers without an operation in openapi.yaml: " + unbound);
    }
    router.route().failureHandler(problems);
    router.errorHandler(404, problems);
    router.errorHandler(405, problems);
    return router;
  }

  @SuppressWarnings("unchecked")
  private static List<String> roles(Operation op) {
    Object roles = op.getExtensions().get("x-roles");
    if (roles instanceof io.vertx.core.json.JsonArray array) {
      return (List<String>) (List<?>) array.getList();
    }
    if (roles instanceof List<?> list) {
      return (List<String>) list;
    }
    throw new IllegalStateException("operation " + op.getOperationId() + " has no x-roles");
  }

  /** Accepts {@code Authorization: Bearer <key>}, or {@code ?access_token=} for sockets and streams. */
  private static Handler<RoutingContext> authenticate(ApiKeys keys) {
    return ctx -> {
      String header = ctx.request().getHeader("Authorization");
      String token = null;
      if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
        token = header.substring(7).trim();
      } else if (header == null) {
        token = ctx.request().getParam("access_token");
      }
      if (token == null) {
        ctx.fail(ApiProblem.unauthorized("send Authorization: Bearer <api-key>"));
        return;
      }
      keys.authenticate(token).ifPresentOrElse(
          principal -> {
            ctx.put(Principal.CONTEXT_KEY, principal);
            ctx.next();
          },
          () -> ctx.fail(ApiProblem.unauthorized("unknown or revoked API key")));
    };
  }

  private static Handler<RoutingContext> authorize(List<String> roles) {
    return ctx -> {
      Principal p = Requests.principal(ctx);
      boolean allowed = roles.contains(p.role())
          || (p.isAgent() && roles.contains("agent-self") && p.agentId().equals(ctx.pathParam("id")));
      if (allowed) {
        ctx.next();
      } else {
        ctx.fail(ApiProblem.forbidden(
            p.isAgent() && roles.contains("agent-self")
                ? "an agent may only act on itself"
                : "role " + p.role() + " may not call this operation"));
      }
    };
  }
}

package dev.contactrouter.api;

import dev.contactrouter.api.schema.SchemaCompiler;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.micrometer.backends.BackendRegistries;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds the HTTP router from the OpenAPI document. Each operation's route runs the same steps in
 * order: authenticate the caller, check its role against the operation's {@code x-roles},
 * validate the request against the document, then the business handler. An operation without a
 * handler, a handler without an operation, or a schema keyword the validator does not check fails
 * the start.
 */
final class ApiRoutes {
  private ApiRoutes() {}

  static Router build(
      Vertx vertx,
      OpenAPIContract contract,
      Gate gate,
      int bodyLimit,
      Map<String, Handler<RoutingContext>> handlers,
      Set<String> intake,
      Handler<RoutingContext> front) {
    Router router = Router.router(vertx);
    ProblemHandler problems = new ProblemHandler(bodyLimit);
    SchemaCompiler schemas = new SchemaCompiler(contract.getRawContract());
    Handler<RoutingContext> authenticate = gate.authenticate(false);
    Handler<RoutingContext> authenticateStream = gate.authenticate(true);
    Handler<RoutingContext> limitPerCaller = gate.limitPerCaller();
    Handler<RoutingContext> limitPerAddress = gate.limitPerAddress();
    Handler<RoutingContext> checkOrigin = gate.checkOrigin();

    // A WebSocket upgrade must still be unread when the handler finally upgrades it, after the
    // asynchronous steps below: hold the request until then.
    router.route().handler(ctx -> {
      if (isUpgrade(ctx)) {
        ctx.request().pause();
      }
      ctx.next();
    });
    // New intake meets the front door on its head, before its body is read (FrontDoor).
    for (Operation op : contract.operations()) {
      if (intake.contains(op.getOperationId())) {
        router.route(op.getHttpMethod(), routePath(op)).handler(front);
      }
    }
    BodyHandler bodies = BodyHandler.create(false).setBodyLimit(bodyLimit);
    router.route("/v1/*").handler(ctx -> {
      if (isUpgrade(ctx)) {
        ctx.next(); // an upgrade has no body to read (some clients still send Content-Length: 0)
      } else {
        bodies.handle(ctx);
      }
    });
    Set<String> unbound = new TreeSet<>(handlers.keySet());
    // A concrete path segment wins over a template, as OpenAPI matches them (/v1/complaints/{id}/reopen
    // before /v1/complaints/{id}/{step}): operations with fewer templated segments are routed first.
    List<Operation> operations = new ArrayList<>(contract.operations());
    operations.sort(Comparator.comparingLong(op -> op.getOpenAPIPath().chars().filter(ch -> ch == '{').count()));
    for (Operation op : operations) {
      Handler<RoutingContext> handler = handlers.get(op.getOperationId());
      if (handler == null) {
        throw new IllegalStateException("no handler for operation " + op.getOperationId());
      }
      unbound.remove(op.getOperationId());
      List<String> roles = roles(op);
      Route route = router.route(op.getHttpMethod(), routePath(op));
      route.handler(checkOrigin);
      if (roles.contains("public")) {
        route.handler(limitPerAddress);
      } else {
        route.handler(takesTicket(op) ? authenticateStream : authenticate).handler(limitPerCaller).handler(gate.authorize(roles));
      }
      RequestValidation validation = new RequestValidation(schemas, op);
      route.handler(ctx -> {
            Object body;
            try {
              body = validation.validate(ctx);
            } catch (RuntimeException e) {
              ctx.fail(e);
              return;
            }
            if (body != null) {
              ctx.put(Requests.BODY, body);
            }
            ctx.next();
          })
          .handler(handler)
          .failureHandler(problems);
    }
    if (!unbound.isEmpty()) {
      throw new IllegalStateException("handlers without an operation in openapi.yaml: " + unbound);
    }
    serveMetrics(router);
    serveConsole(router);
    router.route().failureHandler(problems);
    router.errorHandler(404, problems);
    router.errorHandler(405, problems);
    return router;
  }

  /**
   * The web console (the agent-console module's {@code webroot} on the classpath), at {@code /}
   * and every other path outside {@code /v1}, so an unknown API path still gets the API's
   * problem+json 404. Every file is revalidated on use ({@code no-cache} plus Last-Modified), so
   * an upgraded engine never serves a stale mix of old and new modules.
   */
  private static void serveConsole(Router router) {
    StaticHandler files = StaticHandler.create(FileSystemAccess.RELATIVE, CONSOLE_ROOT)
        .setIndexPage("index.html")
        .setCachingEnabled(true)
        .setDirectoryListing(false)
        .setIncludeHidden(false)
        .setDefaultContentEncoding("UTF-8");
    router.routeWithRegex("^/(?!v1(?:/|$)).*").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(ctx -> {
      ctx.addHeadersEndHandler(v -> {
        if (ctx.response().getStatusCode() < 400) {
          ctx.response().headers()
              .set("Cache-Control", "no-cache")
              .set("X-Content-Type-Options", "nosniff")
              .set("Referrer-Policy", "no-referrer")
              .set("X-Frame-Options", "DENY")
              .set("Content-Security-Policy", CONSOLE_CSP);
        }
      });
      files.handle(ctx);
    });
  }

  static final String CONSOLE_ROOT = "webroot";
  private static final String CONSOLE_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; "
      + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
      + "form-action 'self'; frame-ancestors 'none'";

  /**
   * {@code GET /metrics} in Prometheus format (Vert.x's HTTP and event-bus metrics and the
   * engine's own), for scrapers on the operators' network; no credentials, like health.
   */
  private static void serveMetrics(Router router) {
    if (BackendRegistries.getDefaultNow() instanceof PrometheusMeterRegistry) {
      router.get("/metrics").handler(PrometheusScrapingHandler.create());
    } else {
      router.get("/metrics").handler(ctx -> ctx.fail(ApiProblem.notFound("metrics are not enabled in this process")));
    }
  }

  /** Routes browsers open without headers declare the {@code ticket} query parameter. */
  private static boolean takesTicket(Operation op) {
    return op.getParameters().stream()
        .anyMatch(p -> p.getIn() == io.vertx.openapi.contract.Location.QUERY && "ticket".equals(p.getName()));
  }

  private static boolean isUpgrade(RoutingContext ctx) {
    return "websocket".equalsIgnoreCase(ctx.request().getHeader("Upgrade"));
  }

  /** The operation's path as a Vert.x Web route ({id} as :id). */
  private static String routePath(Operation op) {
    return op.getOpenAPIPath().replaceAll("\\{(.*?)}", ":$1");
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

}

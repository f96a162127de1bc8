package dev.contactrouter.api;

import dev.contactrouter.codec.ReasonJson;
import dev.contactrouter.core.Refusal;
import dev.contactrouter.engine.CommandRefused;
import dev.contactrouter.engine.DomainOverloaded;
import dev.contactrouter.engine.DomainUnavailable;
import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place failures become responses: every error leaves as {@code application/problem+json}
 * naming the problem (and the offending field where there is one). A request that does not match
 * the API document gets every problem in {@code errors}; the first is also its {@code field}, and
 * {@code detail} says it in a sentence that stands alone ("/priority must be an integer from 0 to
 * 100", and how many more there are). Unknown exceptions are logged with their stack and answered
 * 500 without their message.
 */
public final class ProblemHandler implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);
  private static final String TYPE_BASE = "https://contact-router.dev/problems/";
  /** At most this many entries in {@code errors}; {@code moreErrors} counts the rest. */
  static final int MAX_ERRORS = 100;

  private final int bodyLimit;

  /** {@code bodyLimit}: the largest body accepted, in bytes, stated when one is refused with 413. */
  public ProblemHandler(int bodyLimit) {
    this.bodyLimit = bodyLimit;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (ctx.response().ended() || ctx.response().closed()) {
      return;
    }
    Throwable failure = ctx.failure();
    JsonObject problem;
    if (failure instanceof ApiProblem p) {
      problem = problem(p.status(), p.slug(), p.title(), p.getMessage(), p.field());
    } else if (failure instanceof CommandRefused r) {
      problem = refused(r);
    } else if (failure instanceof DomainUnavailable u) {
      ctx.response().putHeader("Retry-After", String.valueOf(u.retryAfterSeconds()));
      problem = problem(503, "unavailable", "Temporarily unavailable", u.getMessage(), null);
    } else if (failure instanceof DomainOverloaded o) {
      ctx.response().putHeader("Retry-After", String.valueOf(o.retryAfterSeconds()));
      problem = problem(503, "overloaded", "Overloaded: try again shortly", o.getMessage(), null);
    } else if (failure instanceof InvalidRequest invalid) {
      problem = invalid(invalid);
    } else if (failure instanceof DecodeException) {
      problem = problem(400, "malformed-json", "Malformed JSON", "the request body is not valid JSON", "/");
    } else if (failure instanceof HttpException h) {
      problem = forStatus(h.getStatusCode(), h.getPayload());
    } else if (failure == null) {
      problem = forStatus(ctx.statusCode() < 400 ? 500 : ctx.statusCode(), null);
    } else {
      LOG.error("unexpected failure on {} {}", ctx.request().method(), ctx.normalizedPath(), failure);
      problem = problem(500, "internal", "Internal error", "the engine could not complete the request", null);
    }
    if (problem.getInteger("status") == 401) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
    }
    problem.put("instance", ctx.normalizedPath());
    ctx.response()
        .setStatusCode(problem.getInteger("status"))
        .putHeader("Content-Type", "application/problem+json")
        .end(Requests.text(problem));
  }

  static JsonObject problem(int status, String slug, String title, String detail, String field) {
    JsonObject json = new JsonObject()
        .put("type", TYPE_BASE + slug)
        .put("title", title)
        .put("status", status);
    if (detail != null) {
      json.put("detail", detail);
    }
    if (field != null) {
      json.put("field", field);
    }
    return json;
  }

  /**
   * A refusal's problem, with the code and parameters of its detail ({@code detailCode},
   * {@code detailParams}) when the detail is one of the engine's worded reasons.
   */
  private static JsonObject refused(CommandRefused r) {
    return ReasonJson.putCode(refusedProblem(r), "detail", r.getMessage());
  }

  private static JsonObject refusedProblem(CommandRefused r) {
    Refusal reason = r.reason();
    return switch (reason) {
      case NOT_FOUND -> problem(404, "not-found", "Not found", r.getMessage(), r.field());
      case CONFLICT -> problem(409, "conflict", "Conflict with the current state", r.getMessage(), r.field());
      case INVALID -> problem(422, "unprocessable", "Unprocessable request", r.getMessage(), r.field());
      case FORBIDDEN -> problem(403, "forbidden", "Not allowed", r.getMessage(), r.field());
      case CLOSED -> problem(409, "closed", "The queue is closed", r.getMessage(), r.field());
      case GATE -> problem(409, "gate", "Refused by a compliance gate", r.getMessage(), r.field())
          .put("gate", r.gate() == null ? null : r.gate().wire());
    };
  }

  private static JsonObject invalid(InvalidRequest invalid) {
    List<InvalidRequest.Item> items = invalid.items();
    JsonArray errors = new JsonArray();
    for (InvalidRequest.Item item : items.subList(0, Math.min(items.size(), MAX_ERRORS))) {
      JsonObject error = item.in().equals("body")
          ? new JsonObject().put("pointer", item.name())
          : new JsonObject().put("in", item.in()).put("parameter", item.name());
      errors.add(error.put("detail", item.detail()));
    }
    InvalidRequest.Item first = items.get(0);
    JsonObject problem = problem(400, "validation", "Request does not match the API schema", invalid.getMessage(), first.name())
        .put("errors", errors);
    if (items.size() > MAX_ERRORS) {
      problem.put("moreErrors", items.size() - MAX_ERRORS);
    }
    return problem;
  }

  private JsonObject forStatus(int status, String payload) {
    return switch (status) {
      case 400 -> problem(400, "invalid-request", "Invalid request", payload, null);
      case 401 -> problem(401, "unauthorized", "Authentication required", payload, null);
      case 403 -> problem(403, "forbidden", "Not allowed", payload, null);
      case 404 -> problem(404, "not-found", "Not found", "no such route", null);
      case 405 -> problem(405, "method-not-allowed", "Method not allowed", "this route does not take that method", null);
      case 413 -> problem(413, "too-large", "Request too large",
          "the request body is larger than the limit of " + bodyLimit + " bytes", null);
      case 415 -> problem(415, "unsupported-media-type", "Unsupported media type", "send application/json", null);
      case 431 -> problem(431, "headers-too-large", "Request headers too large", null, null);
      default -> status >= 500
          ? problem(status, "internal", "Internal error", "the engine could not complete the request", null)
          : problem(status, "client-error", "Client error", payload, null);
    };
  }
}

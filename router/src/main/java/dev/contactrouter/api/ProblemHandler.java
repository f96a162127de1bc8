package dev.contactrouter.api;

import dev.contactrouter.core.Refusal;
import dev.contactrouter.engine.CommandRefused;
import dev.contactrouter.engine.DomainUnavailable;
import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place failures become responses: every error leaves as {@code application/problem+json}
 * naming the problem (and the offending field where there is one). Unknown exceptions are logged
 * with their stack and answered 500 without their message.
 */
public final class ProblemHandler implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);
  private static final String TYPE_BASE = "https://contact-router.dev/problems/";
  private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");

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
    } else if (failure instanceof ValidatorException v) {
      problem = validation(v);
    } else if (failure instanceof HttpException h && h.getCause() instanceof ValidatorException v) {
      problem = validation(v);
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
        .end(problem.encode());
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

  private static JsonObject refused(CommandRefused r) {
    Refusal reason = r.reason();
    return switch (reason) {
      case NOT_FOUND -> problem(404, "not-found", "Not found", r.getMessage(), r.field());
      case CONFLICT -> problem(409, "conflict", "Conflict with the current state", r.getMessage(), r.field());
      case INVALID -> problem(422, "unprocessable", "Unprocessable request", r.getMessage(), r.field());
      case FORBIDDEN -> problem(403, "forbidden", "Not allowed", r.getMessage(), r.field());
      case CLOSED -> problem(409, "closed", "The queue is closed", r.getMessage(), r.field());
    };
  }

  private static JsonObject validation(ValidatorException v) {
    String field = null;
    String detail = v.getMessage();
    if (v instanceof SchemaValidationException s && s.getOutputUnit() != null) {
      OutputUnit worst = mostSpecific(s.getOutputUnit());
      if (worst != null) {
        field = fieldOf(worst);
        detail = worst.getError();
      }
    }
    if (field == null) {
      field = parameterName(v.getMessage());
    }
    if (detail != null && detail.length() > 300) {
      detail = detail.substring(0, 300) + "…";
    }
    return problem(400, "validation", "Request does not match the API schema", detail, field);
  }

  /** The deepest error: the one closest to the offending value. */
  private static OutputUnit mostSpecific(OutputUnit unit) {
    List<OutputUnit> errors = unit.getErrors();
    if (errors == null || errors.isEmpty()) {
      return unit.getError() == null ? null : unit;
    }
    OutputUnit best = null;
    for (OutputUnit e : errors) {
      OutputUnit candidate = mostSpecific(e);
      if (candidate != null && (best == null || depth(candidate) >= depth(best))) {
        best = candidate;
      }
    }
    return best;
  }

  private static int depth(OutputUnit u) {
    String loc = u.getInstanceLocation();
    int d = loc == null ? 0 : (int) loc.chars().filter(c -> c == '/').count();
    return u.getError() != null && u.getError().startsWith("Instance does not have required property") ? d + 1 : d;
  }

  private static String fieldOf(OutputUnit u) {
    String loc = u.getInstanceLocation() == null ? "" : u.getInstanceLocation();
    if (loc.startsWith("#")) {
      loc = loc.substring(1);
    }
    String error = u.getError() == null ? "" : u.getError();
    if (error.startsWith("Instance does not have required property")) {
      Matcher m = QUOTED.matcher(error);
      if (m.find()) {
        loc = loc + "/" + m.group(1);
      }
    }
    return loc.isEmpty() ? "/" : loc;
  }

  private static String parameterName(String message) {
    if (message == null) {
      return null;
    }
    Matcher m = QUOTED.matcher(message);
    return m.find() ? m.group(1) : null;
  }

  private static JsonObject forStatus(int status, String payload) {
    return switch (status) {
      case 400 -> problem(400, "invalid-request", "Invalid request", payload, null);
      case 401 -> problem(401, "unauthorized", "Authentication required", payload, null);
      case 403 -> problem(403, "forbidden", "Not allowed", payload, null);
      case 404 -> problem(404, "not-found", "Not found", "no such route", null);
      case 405 -> problem(405, "method-not-allowed", "Method not allowed", "this route does not take that method", null);
      case 413 -> problem(413, "too-large", "Request too large", "the request body exceeds the configured limit", null);
      case 415 -> problem(415, "unsupported-media-type", "Unsupported media type", "send application/json", null);
      case 431 -> problem(431, "headers-too-large", "Request headers too large", null, null);
      default -> status >= 500
          ? problem(status, "internal", "Internal error", "the engine could not complete the request", null)
          : problem(status, "client-error", "Client error", payload, null);
    };
  }
}

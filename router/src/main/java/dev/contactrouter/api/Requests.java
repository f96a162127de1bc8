package dev.contactrouter.api;

import dev.contactrouter.codec.ViewJson;
import dev.contactrouter.engine.Outcome;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.JacksonCodec;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Function;

/** Reading what the validation step left on the context, and writing JSON answers. */
final class Requests {
  /** Where the validation step leaves the decoded body. */
  static final String BODY = "validatedBody";

  /**
   * Vert.x's codec on Jackson's streaming parser and generator. {@code Json.CODEC} (and {@code
   * JacksonFactory.CODEC}) is the databind {@code ObjectMapper} whenever jackson-databind is on
   * the class path, which looks up a serializer for every value; request bodies and answers hold
   * only JSON values, which this reads and writes directly, to the same values and text.
   */
  static final JacksonCodec JSON = new JacksonCodec();

  private Requests() {}

  /** The same text as {@code json.encode()}, written by {@link #JSON}: what sockets and streams send. */
  static String text(JsonObject json) {
    return JSON.toString(json, false);
  }

  static Principal principal(RoutingContext ctx) {
    return ctx.get(Principal.CONTEXT_KEY);
  }

  /** The validated JSON body, or an empty object when the operation's body is optional and absent. */
  static JsonObject body(RoutingContext ctx) {
    Object body = ctx.get(BODY);
    return body instanceof JsonObject json ? json : new JsonObject();
  }

  /** The request's {@code Idempotency-Key}, or null. */
  static String idempotencyKey(RoutingContext ctx) {
    return ctx.request().getHeader("Idempotency-Key");
  }

  /**
   * What makes two requests "the same" for an idempotency key: method, path and body; null when
   * the request carries no {@code Idempotency-Key}, since nothing compares it then (a digest of
   * every command was 2% of the HTTP loops' time in a centre's traffic).
   */
  static String fingerprint(RoutingContext ctx) {
    if (idempotencyKey(ctx) == null) {
      return null;
    }
    JsonObject body = body(ctx);
    return KeyRing.digest(ctx.request().method().name() + " " + ctx.normalizedPath() + " " + text(body));
  }

  /**
   * A carried-out command's reply as the client gets it: rendered here, on the API's event loop,
   * as of the writer's decision time.
   */
  static JsonObject reply(Outcome.Applied applied) {
    return ViewJson.reply(applied.reply(), applied.now());
  }

  /** Each item rendered, in order. */
  static <T> JsonArray array(List<T> items, Function<? super T, ?> render) {
    JsonArray out = new JsonArray();
    items.forEach(item -> out.add(render.apply(item)));
    return out;
  }

  /**
   * Written by Jackson's streaming generator ({@link #JSON}) straight into the response's buffer:
   * the same text as {@code encode()}, without the String in between.
   */
  static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
        .end(JSON.toBuffer(body, false));
  }

  static void json(RoutingContext ctx, int status, JsonArray body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
        .end(JSON.toBuffer(body, false));
  }
}

package dev.contactrouter.api;

import dev.contactrouter.core.Command;
import dev.contactrouter.engine.AsOf;
import dev.contactrouter.engine.DomainClient;
import dev.contactrouter.engine.DomainQuery;
import dev.contactrouter.engine.Outcome;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * What the HTTP handlers of one domain's resources share: the writer they talk to, and the three
 * ways most of their operations end (a command's reply, one thing or a 404, a list).
 */
abstract class DomainHandler {
  protected final DomainClient domains;
  protected final String domain;

  DomainHandler(DomainClient domains, String domain) {
    this.domains = domains;
    this.domain = domain;
  }

  /** Sends a command under the request's {@code Idempotency-Key}; answers 200 with its reply. */
  final void command(RoutingContext ctx, Command command) {
    reply(ctx, domains.command(domain, command, Requests.idempotencyKey(ctx), Requests.fingerprint(ctx)));
  }

  /** Answers 200 with a carried-out command's reply, or fails the request with the refusal. */
  static void reply(RoutingContext ctx, Future<Outcome.Applied> applied) {
    applied.map(Requests::reply)
        .onSuccess(reply -> Requests.json(ctx, 200, reply))
        .onFailure(ctx::fail);
  }

  /** Answers 200 with the one thing the query found, rendered, or 404 with {@code missing}. */
  final <T> void one(RoutingContext ctx, DomainQuery<Optional<T>> query, String missing, Function<? super T, ?> render) {
    domains.ask(domain, query)
        .onSuccess(found -> found.ifPresentOrElse(
            t -> json(ctx, render.apply(t)),
            () -> ctx.fail(ApiProblem.notFound(missing))))
        .onFailure(ctx::fail);
  }

  /** Builds the command a PUT of one configured thing sends: from the caller, the path's id and the body. */
  @FunctionalInterface
  interface Configure {
    Command command(String actor, String id, JsonObject body);
  }

  /** PUT of the thing the path's {@code id} names: the built command, under the request's idempotency key. */
  final void put(RoutingContext ctx, Configure configure) {
    command(ctx, configure.command(Requests.principal(ctx).actor(), ctx.pathParam("id"), Requests.body(ctx)));
  }

  /** GET of the thing the path's {@code id} names: 200 with it rendered, or 404 "no {@code noun} 'id'". */
  final <T> void byId(RoutingContext ctx, String noun, Function<String, DomainQuery<Optional<T>>> query,
      Function<? super T, ?> render) {
    String id = ctx.pathParam("id");
    one(ctx, query.apply(id), "no " + noun + " '" + id + "'", render);
  }

  /**
   * GET of the thing the path's {@code id} names as of the writer's clock, which an agent may read
   * only where {@code agentMay} allows it: 404 "no {@code noun} 'id'", 403 with {@code forbidden},
   * or 200 with it rendered.
   */
  final <T> void byIdAsOf(RoutingContext ctx, String noun, Function<String, DomainQuery<Optional<AsOf<T>>>> query,
      BiPredicate<T, String> agentMay, String forbidden, BiFunction<T, Long, JsonObject> render) {
    String id = ctx.pathParam("id");
    Principal p = Requests.principal(ctx);
    domains.ask(domain, query.apply(id))
        .onSuccess(found -> {
          if (found.isEmpty()) {
            ctx.fail(ApiProblem.notFound("no " + noun + " '" + id + "'"));
            return;
          }
          T value = found.get().value();
          if (p.isAgent() && !agentMay.test(value, p.agentId())) {
            ctx.fail(ApiProblem.forbidden(forbidden));
            return;
          }
          Requests.json(ctx, 200, render.apply(value, found.get().now()));
        })
        .onFailure(ctx::fail);
  }

  /** Answers 200 with every item the query found, each rendered. */
  final <T> void list(RoutingContext ctx, DomainQuery<List<T>> query, Function<? super T, ?> render) {
    domains.ask(domain, query)
        .onSuccess(items -> Requests.json(ctx, 200, Requests.array(items, render)))
        .onFailure(ctx::fail);
  }

  private static void json(RoutingContext ctx, Object body) {
    if (body instanceof JsonArray array) {
      Requests.json(ctx, 200, array);
    } else {
      Requests.json(ctx, 200, (JsonObject) body);
    }
  }
}

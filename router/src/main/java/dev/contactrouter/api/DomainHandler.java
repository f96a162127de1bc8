package dev.contactrouter.api;

import dev.contactrouter.core.Command;
import dev.contactrouter.engine.DomainClient;
import dev.contactrouter.engine.DomainQuery;
import dev.contactrouter.engine.Outcome;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
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

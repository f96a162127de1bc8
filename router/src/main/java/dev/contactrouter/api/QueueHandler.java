package dev.contactrouter.api;

import dev.contactrouter.codec.SpecJson;
import dev.contactrouter.core.Command;
import dev.contactrouter.engine.DomainClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Queues: an administrator's policy, a supervisor's figures. */
final class QueueHandler {
  private final DomainClient domains;
  private final String domain;

  QueueHandler(DomainClient domains, String domain) {
    this.domains = domains;
    this.domain = domain;
  }

  void putQueue(RoutingContext ctx) {
    Command command = new Command.ConfigureQueue(
        Requests.principal(ctx).actor(), SpecJson.queue(ctx.pathParam("id"), Requests.body(ctx)));
    domains.command(domain, command, Requests.idempotencyKey(ctx), Requests.fingerprint(ctx))
        .onSuccess(reply -> Requests.json(ctx, 200, reply))
        .onFailure(ctx::fail);
  }

  void getQueue(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    domains.query(domain, "queue", id)
        .onSuccess(found -> found.ifPresentOrElse(
            q -> Requests.json(ctx, 200, (JsonObject) q),
            () -> ctx.fail(ApiProblem.notFound("no queue '" + id + "'"))))
        .onFailure(ctx::fail);
  }

  void listQueues(RoutingContext ctx) {
    domains.query(domain, "queues", null)
        .onSuccess(found -> Requests.json(ctx, 200, (JsonArray) found.orElseGet(JsonArray::new)))
        .onFailure(ctx::fail);
  }

  void listQueueContacts(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    domains.query(domain, "queueContacts", id)
        .onSuccess(found -> found.ifPresentOrElse(
            list -> Requests.json(ctx, 200, (JsonArray) list),
            () -> ctx.fail(ApiProblem.notFound("no queue '" + id + "'"))))
        .onFailure(ctx::fail);
  }

  void getQueueStats(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    domains.query(domain, "queueStats", id)
        .onSuccess(found -> found.ifPresentOrElse(
            s -> Requests.json(ctx, 200, (JsonObject) s),
            () -> ctx.fail(ApiProblem.notFound("no queue '" + id + "'"))))
        .onFailure(ctx::fail);
  }
}

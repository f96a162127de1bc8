package dev.contactrouter.api;

import dev.contactrouter.codec.SpecJson;
import dev.contactrouter.core.Command;
import dev.contactrouter.engine.DomainClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Contact categories and their SLA policies (a major issue, a trade exception, a system fault, ...). */
final class CategoryHandler {
  private final DomainClient domains;
  private final String domain;

  CategoryHandler(DomainClient domains, String domain) {
    this.domains = domains;
    this.domain = domain;
  }

  void putCategory(RoutingContext ctx) {
    Command command = new Command.ConfigureCategory(
        Requests.principal(ctx).actor(), SpecJson.category(ctx.pathParam("id"), Requests.body(ctx)));
    domains.command(domain, command)
        .onSuccess(reply -> Requests.json(ctx, 200, reply))
        .onFailure(ctx::fail);
  }

  void getCategory(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    domains.query(domain, "category", id)
        .onSuccess(found -> found.ifPresentOrElse(
            c -> Requests.json(ctx, 200, (JsonObject) c),
            () -> ctx.fail(ApiProblem.notFound("no category '" + id + "'"))))
        .onFailure(ctx::fail);
  }

  void listCategories(RoutingContext ctx) {
    domains.query(domain, "categories", null)
        .onSuccess(found -> Requests.json(ctx, 200, (JsonArray) found.orElseGet(JsonArray::new)))
        .onFailure(ctx::fail);
  }
}

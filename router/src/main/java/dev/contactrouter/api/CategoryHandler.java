package dev.contactrouter.api;

import dev.contactrouter.codec.SpecJson;
import dev.contactrouter.core.Command;
import dev.contactrouter.engine.DomainClient;
import dev.contactrouter.engine.DomainQuery.CategoriesQuery;
import dev.contactrouter.engine.DomainQuery.CategoryQuery;
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
        .map(Requests::reply)
        .onSuccess(reply -> Requests.json(ctx, 200, reply))
        .onFailure(ctx::fail);
  }

  void getCategory(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    domains.ask(domain, new CategoryQuery(id))
        .onSuccess(found -> found.ifPresentOrElse(
            c -> Requests.json(ctx, 200, SpecJson.category(c)),
            () -> ctx.fail(ApiProblem.notFound("no category '" + id + "'"))))
        .onFailure(ctx::fail);
  }

  void listCategories(RoutingContext ctx) {
    domains.ask(domain, new CategoriesQuery())
        .onSuccess(categories -> Requests.json(ctx, 200, Requests.array(categories, SpecJson::category)))
        .onFailure(ctx::fail);
  }
}

package dev.contactrouter.api;

import dev.contactrouter.codec.SpecJson;
import dev.contactrouter.core.Command;
import dev.contactrouter.engine.DomainClient;
import dev.contactrouter.engine.DomainQuery.CategoriesQuery;
import dev.contactrouter.engine.DomainQuery.CategoryQuery;
import io.vertx.ext.web.RoutingContext;

/** Contact categories and their SLA policies (a major issue, a trade exception, a system fault, ...). */
final class CategoryHandler extends DomainHandler {
  CategoryHandler(DomainClient domains, String domain) {
    super(domains, domain);
  }

  void putCategory(RoutingContext ctx) {
    Command command = new Command.ConfigureCategory(
        Requests.principal(ctx).actor(), SpecJson.category(ctx.pathParam("id"), Requests.body(ctx)));
    reply(ctx, domains.command(domain, command));
  }

  void getCategory(RoutingContext ctx) {
    byId(ctx, "category", CategoryQuery::new, SpecJson::category);
  }

  void listCategories(RoutingContext ctx) {
    list(ctx, new CategoriesQuery(), SpecJson::category);
  }
}

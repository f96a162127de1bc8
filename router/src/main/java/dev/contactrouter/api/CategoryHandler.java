package dev.contactrouter.api;

import dev.contactrouter.codec.SpecJson;
import dev.contactrouter.core.CategorySpec;
import dev.contactrouter.core.Command;
import dev.contactrouter.core.ManualPolicy;
import dev.contactrouter.engine.DomainClient;
import dev.contactrouter.engine.DomainQuery.CategoriesQuery;
import dev.contactrouter.engine.DomainQuery.CategoryQuery;
import io.vertx.core.json.JsonObject;
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
    byId(ctx, "category", CategoryQuery::new, CategoryHandler::render);
  }

  void listCategories(RoutingContext ctx) {
    list(ctx, new CategoriesQuery(), CategoryHandler::render);
  }

  /** A category, marked {@code source: manual} while it is the manual's as the manual sets it. */
  private static JsonObject render(CategorySpec category) {
    JsonObject json = SpecJson.category(category);
    return ManualPolicy.isManualDefault(category) ? json.put("source", "manual") : json;
  }
}

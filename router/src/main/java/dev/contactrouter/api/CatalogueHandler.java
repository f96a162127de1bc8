package dev.contactrouter.api;

import dev.contactrouter.codec.SpecJson;
import dev.contactrouter.core.Catalogue;
import dev.contactrouter.core.Command;
import dev.contactrouter.engine.DomainClient;
import dev.contactrouter.engine.DomainQuery.CatalogueQuery;
import dev.contactrouter.engine.DomainQuery.CataloguesQuery;
import io.vertx.ext.web.RoutingContext;

/**
 * The catalogues of not-ready reasons and dispositions (codes with bilingual labels): read by
 * everyone who picks a code (agents' consoles, supervisors), replaced by administrators.
 */
final class CatalogueHandler extends DomainHandler {
  CatalogueHandler(DomainClient domains, String domain) {
    super(domains, domain);
  }

  void putCatalogue(RoutingContext ctx) {
    String kind = ctx.pathParam("kind");
    Catalogue.Kind k = Catalogue.Kind.fromWire(kind).orElseThrow(() -> ApiProblem.notFound("no catalogue '" + kind + "'"));
    command(ctx, new Command.ConfigureCatalogue(Requests.principal(ctx).actor(), SpecJson.catalogue(k, Requests.body(ctx))));
  }

  void getCatalogue(RoutingContext ctx) {
    String kind = ctx.pathParam("kind");
    one(ctx, new CatalogueQuery(kind), "no catalogue '" + kind + "'", SpecJson::catalogue);
  }

  void listCatalogues(RoutingContext ctx) {
    list(ctx, new CataloguesQuery(), SpecJson::catalogue);
  }
}

package dev.contactrouter.api;

import dev.contactrouter.codec.WebhookJson;
import dev.contactrouter.core.Command;
import dev.contactrouter.core.WebhookSpec;
import dev.contactrouter.engine.Addresses;
import dev.contactrouter.engine.DomainClient;
import dev.contactrouter.engine.DomainQuery.WebhookQuery;
import dev.contactrouter.engine.DomainQuery.WebhooksQuery;
import dev.contactrouter.engine.DomainUnavailable;
import dev.contactrouter.webhook.WebhookVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;

/**
 * Integrators' webhooks, an administrator's configuration (they hold a secret and make the engine
 * call out): create or replace, read (never the secret), delete, and the recent deliveries as the
 * domain's deliverer ({@link WebhookVerticle}) knows them.
 */
final class WebhookHandler extends DomainHandler {
  private static final int RETRY_AFTER_SECONDS = 2;
  private final Vertx vertx;
  private final long timeoutMillis;

  WebhookHandler(Vertx vertx, DomainClient domains, String domain, long timeoutMillis) {
    super(domains, domain);
    this.vertx = vertx;
    this.timeoutMillis = timeoutMillis;
  }

  void putWebhook(RoutingContext ctx) {
    WebhookSpec webhook;
    try {
      webhook = WebhookJson.webhook(ctx.pathParam("id"), Requests.body(ctx));
      checkUrl(webhook.url());
      checkTypes(webhook.types());
    } catch (ApiProblem problem) {
      ctx.fail(problem);
      return;
    }
    command(ctx, new Command.ConfigureWebhook(Requests.principal(ctx).actor(), webhook));
  }

  void getWebhook(RoutingContext ctx) {
    byId(ctx, "webhook", WebhookQuery::new, WebhookJson::webhook);
  }

  void listWebhooks(RoutingContext ctx) {
    list(ctx, new WebhooksQuery(), WebhookJson::webhook);
  }

  void deleteWebhook(RoutingContext ctx) {
    command(ctx, new Command.DeleteWebhook(Requests.principal(ctx).actor(), ctx.pathParam("id")));
  }

  /** The webhook's latest deliveries, newest first, from the deliverer on the domain's owner. */
  void listDeliveries(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    String limitParam = ctx.request().getParam("limit");
    int limit = limitParam == null ? 50 : Integer.parseInt(limitParam); // the schema checked it
    domains.ask(domain, new WebhookQuery(id))
        .compose(found -> found.isEmpty()
            ? Future.<JsonObject>failedFuture(ApiProblem.notFound("no webhook '" + id + "'"))
            : deliveries(id, limit))
        .onSuccess(body -> Requests.json(ctx, 200, body))
        .onFailure(ctx::fail);
  }

  private Future<JsonObject> deliveries(String id, int limit) {
    JsonObject question = new JsonObject().put("webhook", id).put("limit", limit);
    return vertx.eventBus().<JsonObject>request(Addresses.webhooks(domain), question,
            new DeliveryOptions().setSendTimeout(timeoutMillis))
        .map(m -> {
          JsonObject answer = m.body();
          if (!answer.getBoolean("known", false)) {
            // Just created: the deliverer learns of it with its own event, a moment later.
            return new JsonObject().put("webhook", id).put("pending", 0).put("deliveries", new io.vertx.core.json.JsonArray());
          }
          answer.remove("known");
          return answer;
        })
        .recover(err -> Future.failedFuture(new DomainUnavailable(
            "the webhook deliverer of domain " + domain + " did not answer; retry", RETRY_AFTER_SECONDS)));
  }

  /** An absolute http or https URL with a host, no credentials in it, no fragment. */
  private static void checkUrl(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw ApiProblem.badRequest("url is not a URL: " + e.getReason(), "/url");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw ApiProblem.badRequest("url must be an http or https URL", "/url");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw ApiProblem.badRequest("url must name a host", "/url");
    }
    if (uri.getRawUserInfo() != null) {
      throw ApiProblem.badRequest("url must not carry credentials: sign deliveries with secret instead", "/url");
    }
    if (uri.getRawFragment() != null) {
      throw ApiProblem.badRequest("url must not have a fragment", "/url");
    }
  }

  /** Every type is one the event stream carries; the unknown ones are named, as on {@code GET /v1/events}. */
  private static void checkTypes(Set<String> types) {
    EventStreamHandler.requireKnownTypes(types, "webhooks carry");
  }
}

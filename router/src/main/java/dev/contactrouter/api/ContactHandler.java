package dev.contactrouter.api;

import dev.contactrouter.codec.SpecJson;
import dev.contactrouter.core.Command;
import dev.contactrouter.core.ContactSpec;
import dev.contactrouter.engine.DomainClient;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/** Contacts: pushed by telephony, worked by agents, moved by supervisors. */
final class ContactHandler {
  private final DomainClient domains;
  private final String domain;

  ContactHandler(DomainClient domains, String domain) {
    this.domains = domains;
    this.domain = domain;
  }

  void createContact(RoutingContext ctx) {
    JsonObject body = Requests.body(ctx);
    String idempotencyKey = ctx.request().getHeader("Idempotency-Key");
    String fingerprint = idempotencyKey == null ? null : KeyRing.digest(body.encode());
    ContactSpec spec = SpecJson.contact(UUID.randomUUID().toString(), body, idempotencyKey, fingerprint);
    domains.command(domain, new Command.CreateContact(Requests.principal(ctx).actor(), spec))
        .onSuccess(reply -> {
          ctx.response().putHeader("Location", "/v1/contacts/" + reply.getString("id"));
          if (reply.getBoolean("replayed", false)) {
            ctx.response().putHeader("Idempotent-Replayed", "true");
          }
          Requests.json(ctx, 201, reply);
        })
        .onFailure(ctx::fail);
  }

  void getContact(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    Principal p = Requests.principal(ctx);
    domains.query(domain, "contact", id)
        .onSuccess(found -> {
          if (found.isEmpty()) {
            ctx.fail(ApiProblem.notFound("no contact '" + id + "'"));
            return;
          }
          JsonObject contact = (JsonObject) found.get();
          if (p.isAgent() && !heldBy(contact, p.agentId())) {
            ctx.fail(ApiProblem.forbidden("an agent may only read contacts offered or assigned to it"));
            return;
          }
          Requests.json(ctx, 200, contact);
        })
        .onFailure(ctx::fail);
  }

  /**
   * Every event of a contact from the journal. An agent may read it only while the contact is
   * offered or assigned to it, as with the contact itself.
   */
  void getContactHistory(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    Principal p = Requests.principal(ctx);
    Future<Void> allowed = !p.isAgent()
        ? Future.succeededFuture()
        : domains.query(domain, "contact", id).compose(found -> {
          // A contact memory no longer holds is offered or assigned to nobody: not for agents.
          if (found.isEmpty() || !heldBy((JsonObject) found.get(), p.agentId())) {
            return Future.failedFuture(ApiProblem.forbidden(
                "an agent may only read the history of a contact offered or assigned to it"));
          }
          return Future.succeededFuture();
        });
    allowed
        .compose(v -> domains.query(domain, "history", id))
        .onSuccess(found -> {
          if (found.isEmpty()) {
            ctx.fail(ApiProblem.notFound("no contact '" + id + "' in the journal"));
          } else {
            Requests.json(ctx, 200, (JsonObject) found.get());
          }
        })
        .onFailure(ctx::fail);
  }

  /**
   * A customer's contacts across channels, newest first. An agent may read them only while it
   * holds (or is offered) a contact of that customer.
   */
  void listCustomerContacts(RoutingContext ctx) {
    String customerId = ctx.pathParam("id");
    Principal p = Requests.principal(ctx);
    Future<Boolean> allowed = !p.isAgent()
        ? Future.succeededFuture(true)
        : domains.query(domain, "agentSession", p.agentId()).map(found -> found
            .map(s -> servesCustomer((JsonObject) s, customerId))
            .orElse(false));
    allowed
        .compose(ok -> {
          if (!ok) {
            return Future.failedFuture(ApiProblem.forbidden(
                "an agent may only read the history of a customer it is serving"));
          }
          return domains.query(domain, "customerContacts", customerId);
        })
        .onSuccess(found -> Requests.json(ctx, 200, (JsonArray) found.orElseGet(JsonArray::new)))
        .onFailure(ctx::fail);
  }

  void abandonContact(RoutingContext ctx) {
    command(ctx, new Command.AbandonContact(Requests.principal(ctx).actor(), ctx.pathParam("id")));
  }

  void transferContact(RoutingContext ctx) {
    JsonObject body = Requests.body(ctx);
    Principal p = Requests.principal(ctx);
    command(ctx, new Command.TransferContact(
        p.actor(), ctx.pathParam("id"), body.getString("queue"), body.getString("agentId"), p.byAgent()));
  }

  void completeContact(RoutingContext ctx) {
    JsonObject body = Requests.body(ctx);
    Principal p = Requests.principal(ctx);
    command(ctx, new Command.CompleteContact(
        p.actor(), ctx.pathParam("id"), p.byAgent(), body.getString("disposition"), body.getString("notes"),
        body.getString("stage")));
  }

  /** The waiting caller asked to be called back: the contact keeps its place as a callback. */
  void requestCallback(RoutingContext ctx) {
    command(ctx, new Command.RequestCallback(Requests.principal(ctx).actor(), ctx.pathParam("id"),
        Requests.body(ctx).getString("number")));
  }

  void recordSurvey(RoutingContext ctx) {
    JsonObject body = Requests.body(ctx);
    command(ctx, new Command.RecordSurvey(Requests.principal(ctx).actor(), ctx.pathParam("id"),
        body.getInteger("csat"), body.getInteger("nps"), body.getString("comment")));
  }

  void acceptOffer(RoutingContext ctx) {
    Principal p = Requests.principal(ctx);
    command(ctx, new Command.AcceptOffer(p.actor(), ctx.pathParam("id"), p.byAgent()));
  }

  void rejectOffer(RoutingContext ctx) {
    Principal p = Requests.principal(ctx);
    command(ctx, new Command.RejectOffer(p.actor(), ctx.pathParam("id"), p.byAgent(), Requests.body(ctx).getString("reason")));
  }

  private void command(RoutingContext ctx, Command command) {
    domains.command(domain, command, Requests.idempotencyKey(ctx), Requests.fingerprint(ctx))
        .onSuccess(reply -> Requests.json(ctx, 200, reply))
        .onFailure(ctx::fail);
  }

  private static boolean servesCustomer(JsonObject session, String customerId) {
    for (String list : new String[] {"offers", "assigned"}) {
      for (Object o : session.getJsonArray(list, new JsonArray())) {
        JsonObject customer = ((JsonObject) o).getJsonObject("contact").getJsonObject("customer");
        if (customer != null && customerId.equals(customer.getString("id"))) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean heldBy(JsonObject contact, String agentId) {
    JsonObject offer = contact.getJsonObject("offer");
    return agentId.equals(contact.getString("agentId"))
        || (offer != null && agentId.equals(offer.getString("agentId")));
  }
}

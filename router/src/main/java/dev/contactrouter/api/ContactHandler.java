package dev.contactrouter.api;

import dev.contactrouter.codec.JournalJson;
import dev.contactrouter.codec.SpecJson;
import dev.contactrouter.codec.ViewJson;
import dev.contactrouter.core.Command;
import dev.contactrouter.core.ServiceStage;
import dev.contactrouter.core.ContactSpec;
import dev.contactrouter.core.ContactView;
import dev.contactrouter.engine.AgentSession;
import dev.contactrouter.engine.ContactHistory;
import dev.contactrouter.engine.DomainClient;
import dev.contactrouter.engine.DomainQuery.AgentSessionQuery;
import dev.contactrouter.engine.DomainQuery.ContactQuery;
import dev.contactrouter.engine.DomainQuery.CustomerContactsQuery;
import dev.contactrouter.engine.DomainQuery.HistoryQuery;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.UUID;

/** Contacts: pushed by telephony, worked by agents, moved by supervisors. */
final class ContactHandler extends DomainHandler {
  ContactHandler(DomainClient domains, String domain) {
    super(domains, domain);
  }

  void createContact(RoutingContext ctx) {
    JsonObject body = Requests.body(ctx);
    String idempotencyKey = ctx.request().getHeader("Idempotency-Key");
    String fingerprint = idempotencyKey == null ? null : KeyRing.digest(Requests.text(body));
    ContactSpec spec = SpecJson.contact(UUID.randomUUID().toString(), body, idempotencyKey, fingerprint);
    String major = Boolean.TRUE.equals(body.getBoolean("major")) ? body.getString("majorReason", "") : null;
    domains.command(domain, new Command.CreateContact(Requests.principal(ctx).actor(), spec, major))
        .map(Requests::reply)
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
    byIdAsOf(ctx, "contact", ContactQuery::new, ContactHandler::heldBy,
        "an agent may only read contacts offered or assigned to it", ViewJson::contact);
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
        : domains.ask(domain, new ContactQuery(id)).compose(found -> {
          // A contact memory no longer holds is offered or assigned to nobody: not for agents.
          if (found.isEmpty() || !heldBy(found.get().value(), p.agentId())) {
            return Future.failedFuture(ApiProblem.forbidden(
                "an agent may only read the history of a contact offered or assigned to it"));
          }
          return Future.succeededFuture();
        });
    allowed
        .compose(v -> domains.ask(domain, new HistoryQuery(id)))
        .onSuccess(found -> {
          if (found.isEmpty()) {
            ctx.fail(ApiProblem.notFound("no contact '" + id + "' in the journal"));
          } else {
            Requests.json(ctx, 200, history(found.get()));
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
        : domains.ask(domain, new AgentSessionQuery(p.agentId())).map(found -> found
            .map(s -> servesCustomer(s.value(), customerId))
            .orElse(false));
    allowed
        .compose(ok -> {
          if (!ok) {
            return Future.failedFuture(ApiProblem.forbidden(
                "an agent may only read the history of a customer it is serving"));
          }
          return domains.ask(domain, new CustomerContactsQuery(customerId));
        })
        .onSuccess(found -> Requests.json(ctx, 200,
            Requests.array(found.value(), c -> ViewJson.contact(c, found.now()))))
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

  /** Marks the contact major (重大问题): one hour to respond and handle, recorded with who and why. */
  void markMajor(RoutingContext ctx) {
    Principal p = Requests.principal(ctx);
    command(ctx, new Command.MarkMajor(p.actor(), ctx.pathParam("id"), p.byAgent(), Requests.body(ctx).getString("reason")));
  }

  /** Moves the contact on to a later service stage (§1.2.2); a queue serving that stage takes it over. */
  void advanceStage(RoutingContext ctx) {
    JsonObject body = Requests.body(ctx);
    Principal p = Requests.principal(ctx);
    command(ctx, new Command.AdvanceStage(p.actor(), ctx.pathParam("id"), p.byAgent(),
        ServiceStage.fromWire(body.getString("stage")).orElseThrow(), body.getString("queue")));
  }

  /** Releases a contact held for compliance review once the customer is re-assessed: its gates are checked again. */
  void releaseHold(RoutingContext ctx) {
    JsonObject body = Requests.body(ctx);
    command(ctx, new Command.ReleaseHold(Requests.principal(ctx).actor(), ctx.pathParam("id"), body.getInteger("riskLevel"),
        body.getString("reason")));
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

  /** Erases a customer's personal data; the schema checked {@code reason} is there. */
  void erasePersonalData(RoutingContext ctx) {
    command(ctx, new Command.ErasePersonalData(Requests.principal(ctx).actor(), ctx.pathParam("id"), List.of(),
        ctx.request().getParam("reason")));
  }

  void rejectOffer(RoutingContext ctx) {
    Principal p = Requests.principal(ctx);
    command(ctx, new Command.RejectOffer(p.actor(), ctx.pathParam("id"), p.byAgent(), Requests.body(ctx).getString("reason")));
  }

  /** A contact's history as the API shows it: each event with its time, actor and place in the chain. */
  private static JsonObject history(ContactHistory h) {
    return new JsonObject()
        .put("contactId", h.contactId())
        .put("domain", h.domain())
        .put("events", historyEvents(h))
        .put("complete", h.complete());
  }

  private static JsonArray historyEvents(ContactHistory h) {
    JsonArray out = new JsonArray();
    for (int i = 0; i < h.events().size(); i++) {
      out.add(JournalJson.historyEvent(h.events().get(i), h.decoded().get(i)));
    }
    return out;
  }

  private static boolean servesCustomer(AgentSession session, String customerId) {
    for (AgentSession.Offered o : session.offers()) {
      if (customerId.equals(o.contact().spec().customer().id())) {
        return true;
      }
    }
    for (ContactView c : session.assigned()) {
      if (customerId.equals(c.spec().customer().id())) {
        return true;
      }
    }
    return false;
  }

  private static boolean heldBy(ContactView contact, String agentId) {
    return agentId.equals(contact.agentId())
        || (contact.offer() != null && agentId.equals(contact.offer().agentId()));
  }
}

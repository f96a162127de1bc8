package dev.contactrouter.engine;

import dev.contactrouter.codec.EventJson;
import dev.contactrouter.codec.ViewJson;
import dev.contactrouter.core.ContactView;
import dev.contactrouter.core.Decision;
import dev.contactrouter.core.Event;
import dev.contactrouter.core.Recorded;
import dev.contactrouter.core.RoutingDomain;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The messages a command's events produce for the outside: one per event on the domain's event
 * stream, and the agent-facing messages ({@code offer}, {@code assigned}, {@code offer_revoked},
 * {@code contact_removed}, {@code state}). They are built when the command is decided, from the
 * state it left, and published only once its events are durable.
 */
final class Notices {
  record Notice(String address, JsonObject body) {}

  private Notices() {}

  static List<Notice> of(String domain, long firstSeq, Decision.Applied applied, RoutingDomain core, long now) {
    List<Recorded> events = applied.events();
    List<Notice> out = new ArrayList<>();
    Set<String> touchedAgents = new LinkedHashSet<>();
    for (int i = 0; i < events.size(); i++) {
      Recorded r = events.get(i);
      Event e = r.event();
      // The contact as it stood right after this event, as a resumed stream shows it too.
      JsonObject streamed = EventJson.streamed(domain, firstSeq + i, r, applied.subjects().get(i));
      out.add(new Notice(Addresses.events(domain), streamed));

      // The contact's full view only for the notices that carry it: building one per event (a
      // place in line, the SLA clock's view) was most of what notices cost at intake.
      if (e instanceof Event.OfferMade o) {
        core.contact(o.contactId(), now).ifPresent(c -> out.add(toAgent(domain, o.agentId(), new JsonObject()
            .put("type", "offer")
            .put("offerId", o.offerId())
            .put("contact", ViewJson.contact(c, now))
            .put("expiresAt", streamed.getString("expiresAt")))));
      } else if (e instanceof Event.OfferAccepted o) {
        core.contact(o.contactId(), now).ifPresent(c -> out.add(toAgent(domain, o.agentId(), new JsonObject()
            .put("type", "assigned")
            .put("offerId", o.offerId())
            .put("contact", ViewJson.contact(c, now)))));
      } else if (e instanceof Event.OfferRejected o) {
        out.add(revoked(domain, o.agentId(), o.offerId(), o.contactId(), "rejected"));
      } else if (e instanceof Event.OfferTimedOut o) {
        out.add(revoked(domain, o.agentId(), o.offerId(), o.contactId(), "timed_out"));
      } else if (e instanceof Event.OfferRevoked o) {
        out.add(revoked(domain, o.agentId(), o.offerId(), o.contactId(), o.reason()));
      } else if (e instanceof Event.ContactCompleted c) {
        Optional<ContactView> call = callEnded(c)
            ? core.contact(c.contactId(), now).filter(v -> v.spec().call() != null) : Optional.empty();
        if (call.isPresent()) {
          // The switch ended the call: the agent's desk keeps it to record the outcome in wrap-up.
          out.add(toAgent(domain, c.agentId(), new JsonObject()
              .put("type", "contact_removed")
              .put("contactId", c.contactId())
              .put("reason", "call_ended")
              .put("contact", ViewJson.contact(call.get(), now))));
        } else {
          out.add(removed(domain, c.agentId(), c.contactId(), "completed"));
        }
      } else if (e instanceof Event.ContactTransferred t && t.fromAgent() != null) {
        out.add(removed(domain, t.fromAgent(), t.contactId(), "transferred"));
      }
      if (e.agentId() != null) {
        touchedAgents.add(e.agentId());
      }
    }
    if (events.stream().anyMatch(r -> r.event() instanceof Event.ApiKeyIssued || r.event() instanceof Event.ApiKeyRevoked)) {
      out.add(new Notice(Addresses.keys(domain), new JsonObject().put("keys", apiKeys(core))));
    }
    for (String agentId : touchedAgents) {
      core.agent(agentId).ifPresent(a ->
          out.add(toAgent(domain, agentId, new JsonObject().put("type", "state").put("agent", ViewJson.agent(a)))));
    }
    return out;
  }

  /** The domain's run-time keys with their digests, for API nodes (never sent to clients). */
  static io.vertx.core.json.JsonArray apiKeys(RoutingDomain core) {
    io.vertx.core.json.JsonArray keys = new io.vertx.core.json.JsonArray();
    core.apiKeys().forEach(k -> keys.add(ViewJson.apiKeyRecord(k)));
    return keys;
  }

  /** A call the switch ended (hung up, or lost) before its agent recorded an outcome. */
  private static boolean callEnded(Event.ContactCompleted c) {
    return "hangup".equals(c.disposition()) || "lost-call".equals(c.disposition());
  }

  private static Notice toAgent(String domain, String agentId, JsonObject body) {
    return new Notice(Addresses.agent(domain, agentId), body);
  }

  private static Notice revoked(String domain, String agentId, String offerId, String contactId, String reason) {
    return toAgent(domain, agentId, new JsonObject()
        .put("type", "offer_revoked")
        .put("offerId", offerId)
        .put("contactId", contactId)
        .put("reason", reason));
  }

  private static Notice removed(String domain, String agentId, String contactId, String reason) {
    return toAgent(domain, agentId, new JsonObject()
        .put("type", "contact_removed")
        .put("contactId", contactId)
        .put("reason", reason));
  }
}

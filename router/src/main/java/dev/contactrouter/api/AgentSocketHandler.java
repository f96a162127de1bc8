package dev.contactrouter.api;

import dev.contactrouter.codec.SpecJson;
import dev.contactrouter.codec.ViewJson;
import dev.contactrouter.core.ContactView;
import dev.contactrouter.engine.Addresses;
import dev.contactrouter.engine.AgentSession;
import dev.contactrouter.engine.DomainClient;
import dev.contactrouter.engine.DomainQuery.AgentQuery;
import dev.contactrouter.engine.DomainQuery.AgentSessionQuery;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An agent's console socket. It listens on the agent's address first, then sends the agent's
 * current state, pending offers and assigned contacts, so a console that reconnects after any
 * outage is back in sync (a message seen twice is harmless: offers and contacts carry ids).
 */
final class AgentSocketHandler extends SocketHandler {
  private static final Logger LOG = LoggerFactory.getLogger(AgentSocketHandler.class);

  private final ConsolePresence presence;

  AgentSocketHandler(Vertx vertx, DomainClient domains, String domain, Gate gate, long pingMillis) {
    super(vertx, domains, domain, gate, pingMillis);
    this.presence = new ConsolePresence(vertx);
  }

  void agentSocket(RoutingContext ctx) {
    String agentId = ctx.pathParam("id");
    if (!"websocket".equalsIgnoreCase(ctx.request().getHeader("Upgrade"))) {
      ctx.fail(ApiProblem.badRequest("this route is a WebSocket: send an upgrade request", null));
      return;
    }
    domains.ask(domain, new AgentQuery(agentId))
        .onSuccess(found -> {
          if (found.isEmpty()) {
            ctx.fail(ApiProblem.notFound("no agent '" + agentId + "'"));
            return;
          }
          ctx.request().toWebSocket()
              .onSuccess(ws -> serve(ws, agentId, Requests.principal(ctx)))
              .onFailure(err -> LOG.debug("agent {} socket upgrade failed: {}", agentId, err.getMessage()));
        })
        .onFailure(ctx::fail);
  }

  private void serve(ServerWebSocket ws, String agentId, Principal principal) {
    Runnable untrackCredential = gate.track(ws, principal);
    // Counted once it has its session (so it hears its own count too, after it), uncounted when it closes.
    boolean[] counted = {false};
    Runnable untrack = () -> {
      untrackCredential.run();
      if (counted[0]) {
        presence.closed(domain, agentId);
      }
    };
    MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(Addresses.agent(domain, agentId), m -> {
      if (!ws.isClosed()) {
        ws.writeTextMessage(Requests.text(m.body()));
      }
    });
    keepOpen(ws, consumer, untrack);
    ws.textMessageHandler(text -> {
      JsonObject msg;
      try {
        msg = new JsonObject(text);
      } catch (RuntimeException e) {
        ws.writeTextMessage(new JsonObject().put("type", "error").put("detail", "send JSON objects").encode());
        return;
      }
      if ("ping".equals(msg.getString("type"))) {
        ws.writeTextMessage(new JsonObject().put("type", "pong").encode());
      }
    });
    consumer.completion()
        .compose(v -> domains.ask(domain, new AgentSessionQuery(agentId)))
        .onSuccess(found -> {
          found.ifPresent(s -> sendSession(ws, s.value(), s.now()));
          if (!ws.isClosed()) {
            counted[0] = true;
            presence.opened(domain, agentId);
          }
        })
        .onFailure(err -> {
          LOG.warn("agent {} session could not be loaded: {}", agentId, err.getMessage());
          ws.close((short) 1011, "try again");
        });
  }

  /** The agent's state, then each pending offer and each assigned contact, as of {@code now}. */
  private static void sendSession(ServerWebSocket ws, AgentSession session, long now) {
    if (ws.isClosed()) {
      return;
    }
    ws.writeTextMessage(new JsonObject().put("type", "state").put("agent", ViewJson.agent(session.agent())).encode());
    for (AgentSession.Offered o : session.offers()) {
      ws.writeTextMessage(new JsonObject()
          .put("type", "offer")
          .put("offerId", o.offer().offerId())
          .put("contact", ViewJson.contact(o.contact(), now))
          .put("expiresAt", SpecJson.instant(o.offer().expiresAt()))
          .encode());
    }
    for (ContactView c : session.assigned()) {
      ws.writeTextMessage(new JsonObject().put("type", "assigned").put("contact", ViewJson.contact(c, now)).encode());
    }
  }
}

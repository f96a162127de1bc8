package dev.contactrouter.api;

import dev.contactrouter.codec.EventJson;
import dev.contactrouter.engine.Addresses;
import dev.contactrouter.engine.DomainClient;
import dev.contactrouter.engine.DomainQuery.JournalPageQuery;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The engine's event stream for telephony systems and supervisors: a WebSocket when asked for an
 * upgrade, else server-sent events. An SSE client that reconnects with {@code Last-Event-ID:
 * domain:seq} first receives the committed events it missed (up to a page), then the live ones.
 */
final class EventStreamHandler {
  private static final int RESUME_LIMIT = 10_000;

  private final Vertx vertx;
  private final DomainClient domains;
  private final String domain;

  private final Gate gate;
  /** How often a WebSocket is pinged and a server-sent stream gets a comment line. */
  private final long pingMillis;

  EventStreamHandler(Vertx vertx, DomainClient domains, String domain, Gate gate, long pingMillis) {
    this.vertx = vertx;
    this.domains = domains;
    this.domain = domain;
    this.gate = gate;
    this.pingMillis = pingMillis;
  }

  void eventStream(RoutingContext ctx) {
    Set<String> types = types(ctx.request().getParam("types"));
    if ("websocket".equalsIgnoreCase(ctx.request().getHeader("Upgrade"))) {
      Principal principal = Requests.principal(ctx);
      ctx.request().toWebSocket().onSuccess(ws -> {
        Runnable untrack = gate.track(ws, principal);
        MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(Addresses.events(domain), m -> {
          if (wanted(types, m.body()) && !ws.isClosed()) {
            ws.writeTextMessage(m.body().encode());
          }
        });
        // A quiet centre sends nothing for minutes: pings keep the server's idle timeout and
        // proxies from closing the socket (the client's pongs count as traffic too).
        long keepAlive = vertx.setPeriodic(pingMillis, id -> {
          if (!ws.isClosed()) {
            ws.writePing(Buffer.buffer());
          }
        });
        ws.closeHandler(v -> {
          vertx.cancelTimer(keepAlive);
          consumer.unregister();
          untrack.run();
        });
      });
      return;
    }
    HttpServerResponse response = ctx.response()
        .setChunked(true)
        .putHeader("Content-Type", "text/event-stream")
        .putHeader("Cache-Control", "no-cache")
        .putHeader("X-Accel-Buffering", "no");
    response.write(": connected\n\n");
    Runnable untrackStream = gate.trackStream(response);
    Consumer<JsonObject> send = event -> {
      if (wanted(types, event) && !response.closed()) {
        response.write("id: " + event.getString("domain") + ":" + event.getLong("seq") + "\ndata: " + event.encode() + "\n\n");
      }
    };
    long resumeAfter = resumeAfter(ctx.request().getHeader("Last-Event-ID"));
    Resume resume = new Resume(resumeAfter, send);
    MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(Addresses.events(domain), m -> resume.live(m.body()));
    long heartbeat = vertx.setPeriodic(pingMillis, id -> {
      if (!response.closed()) {
        response.write(": keep-alive\n\n");
      }
    });
    // A stream ends with its credential (a sign-in token's expiry): the client signs in again.
    Long expiresAt = Requests.principal(ctx).expiresAt();
    long expiry = expiresAt == null ? -1
        : vertx.setTimer(Math.max(1, expiresAt - System.currentTimeMillis()), id -> response.end());
    response.closeHandler(v -> {
      untrackStream.run();
      vertx.cancelTimer(heartbeat);
      if (expiry >= 0) {
        vertx.cancelTimer(expiry);
      }
      consumer.unregister();
    });
    if (resumeAfter > 0) {
      consumer.completion()
          .compose(v -> domains.ask(domain, new JournalPageQuery(resumeAfter, RESUME_LIMIT)))
          .map(missed -> Requests.array(missed, e -> EventJson.encode(e.recorded())
              .put("domain", domain).put("seq", e.seq())))
          .onComplete(ar -> {
            if (ar.succeeded()) {
              resume.replayed(ar.result());
            } else {
              // Never skip what was missed: end the stream, and the client reconnects with the
              // same Last-Event-ID once the journal can be read again.
              response.end();
            }
          });
    }
  }

  /**
   * Orders a resumed stream: live events that arrive while the missed ones are read are held,
   * then everything goes out once, in sequence order, with nothing sent twice.
   */
  private final class Resume {
    private final Consumer<JsonObject> send;
    private final List<JsonObject> held = new ArrayList<>();
    private boolean replaying;
    private long lastSent;

    Resume(long after, Consumer<JsonObject> send) {
      this.send = send;
      this.lastSent = after;
      this.replaying = after > 0;
    }

    void live(JsonObject event) {
      if (replaying && domain.equals(event.getString("domain"))) {
        held.add(event);
      } else {
        deliver(event);
      }
    }

    void replayed(JsonArray missed) {
      missed.forEach(o -> deliver((JsonObject) o));
      replaying = false;
      held.forEach(this::deliver);
      held.clear();
    }

    private void deliver(JsonObject event) {
      if (domain.equals(event.getString("domain"))) {
        long seq = event.getLong("seq", 0L);
        if (seq <= lastSent) {
          return;
        }
        lastSent = seq;
      }
      send.accept(event);
    }
  }

  private long resumeAfter(String lastEventId) {
    if (lastEventId == null) {
      return 0;
    }
    int colon = lastEventId.lastIndexOf(':');
    if (colon <= 0 || !lastEventId.substring(0, colon).equals(domain)) {
      return 0;
    }
    try {
      return Math.max(0, Long.parseLong(lastEventId.substring(colon + 1)));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static Set<String> types(String param) {
    if (param == null || param.isBlank()) {
      return Set.of();
    }
    return Set.of(param.split(","));
  }

  private static boolean wanted(Set<String> types, JsonObject event) {
    return types.isEmpty() || types.contains(event.getString("type"));
  }
}

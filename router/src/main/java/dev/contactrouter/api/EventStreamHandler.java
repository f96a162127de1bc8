package dev.contactrouter.api;

import dev.contactrouter.codec.EventJson;
import dev.contactrouter.engine.Addresses;
import dev.contactrouter.engine.DomainClient;
import dev.contactrouter.engine.DomainQuery.StreamPageQuery;
import dev.contactrouter.engine.StreamPage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The engine's event stream for telephony systems and supervisors: a WebSocket when asked for an
 * upgrade, else server-sent events. Both are kept alive (WebSocket pings, SSE comment lines) and
 * both resume: after {@code Last-Event-ID: domain:seq} (SSE) or {@code ?after=domain:seq} (either
 * form) a client first receives every committed event it missed, then the live ones, with nothing
 * skipped and nothing sent twice; a resumed event is the same JSON the live stream sent.
 */
final class EventStreamHandler extends SocketHandler {
  /** Events read from the journal at a time while a stream catches up. */
  private static final int RESUME_PAGE = 1_000;

  EventStreamHandler(Vertx vertx, DomainClient domains, String domain, Gate gate, long pingMillis) {
    super(vertx, domains, domain, gate, pingMillis);
  }

  void eventStream(RoutingContext ctx) {
    Set<String> types;
    Long after;
    try {
      types = types(ctx.request().getParam("types"));
      after = resumeAfter(ctx);
    } catch (ApiProblem problem) {
      ctx.fail(problem);
      return;
    }
    if ("websocket".equalsIgnoreCase(ctx.request().getHeader("Upgrade"))) {
      Principal principal = Requests.principal(ctx);
      ctx.request().toWebSocket().onSuccess(ws -> serveSocket(ws, principal, types, after));
      return;
    }
    serveEvents(ctx, types, after);
  }

  private void serveSocket(ServerWebSocket ws, Principal principal, Set<String> types, Long after) {
    Runnable untrack = gate.track(ws, principal);
    MessageConsumer<JsonObject> consumer = follow(types, after, ws::isClosed,
        event -> ws.writeTextMessage(Requests.text(event)),
        () -> ws.close((short) 1011, "the journal cannot be read; resume later"));
    keepOpen(ws, consumer, untrack); // a quiet centre sends nothing for minutes
  }

  private void serveEvents(RoutingContext ctx, Set<String> types, Long after) {
    HttpServerResponse response = eventStream(ctx.response());
    response.write(": connected\n\n");
    // Never skip what was missed: if the journal cannot be read the stream ends, and the client
    // reconnects with the same Last-Event-ID once it can.
    MessageConsumer<JsonObject> consumer = follow(types, after, response::closed,
        event -> response.write((event.containsKey("seq")
            ? "id: " + event.getString("domain") + ":" + event.getLong("seq") + "\n" : "")
            + "data: " + Requests.text(event) + "\n\n"),
        response::end);
    // A stream ends with its credential (a sign-in token's expiry): the client signs in again.
    keepOpen(response, consumer, Requests.principal(ctx).expiresAt(), response::end);
  }

  /**
   * Listens to the domain's events and, when resuming, first sends what the journal holds after
   * {@code after}, a page at a time; {@code fail} ends a stream whose missed events cannot be read.
   */
  private MessageConsumer<JsonObject> follow(Set<String> types, Long after, BooleanSupplier closed,
      Consumer<JsonObject> write, Runnable fail) {
    Resume resume = new Resume(after, event -> {
      if (!closed.getAsBoolean() && (types.isEmpty() || types.contains(event.getString("type")))) {
        write.accept(event);
      }
    });
    MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(Addresses.events(domain), m -> resume.live(m.body()));
    if (after != null) {
      consumer.completion()
          .compose(v -> replay(resume, after, closed))
          .onFailure(err -> {
            if (!closed.getAsBoolean()) {
              fail.run();
            }
          });
    }
    return consumer;
  }

  /** Sends the committed events after {@code after}, page by page, then lets the live ones through. */
  private Future<Void> replay(Resume resume, long after, BooleanSupplier closed) {
    if (closed.getAsBoolean()) {
      return Future.succeededFuture();
    }
    return domains.ask(domain, new StreamPageQuery(after, RESUME_PAGE)).compose(page -> {
      long last = after;
      for (StreamPage.Streamed s : page.events()) {
        last = s.entry().seq();
        resume.missed(EventJson.streamed(domain, last, s.entry().recorded(), s.subject()));
      }
      if (page.more() && last > after) {
        return replay(resume, last, closed);
      }
      resume.caughtUp();
      return Future.succeededFuture();
    });
  }

  /**
   * Orders a resumed stream: live events that arrive while the missed ones are read are held,
   * then go out once the journal is caught up, in sequence order, with nothing sent twice.
   */
  private static final class Resume {
    private final Consumer<JsonObject> send;
    private final List<JsonObject> held = new ArrayList<>();
    private boolean replaying;
    private long lastSent;

    Resume(Long after, Consumer<JsonObject> send) {
      this.send = send;
      this.lastSent = after == null ? 0 : after;
      this.replaying = after != null;
    }

    void live(JsonObject event) {
      if (replaying) {
        // What is not journaled (position_changed) is only ever live, and stale once held back.
        if (event.containsKey("seq")) {
          held.add(event);
        }
      } else {
        deliver(event);
      }
    }

    void missed(JsonObject event) {
      deliver(event);
    }

    void caughtUp() {
      replaying = false;
      held.forEach(this::deliver);
      held.clear();
    }

    private void deliver(JsonObject event) {
      Long seq = event.getLong("seq");
      if (seq == null) {
        send.accept(event);
        return;
      }
      if (seq <= lastSent) {
        return;
      }
      lastSent = seq;
      send.accept(event);
    }
  }

  /**
   * Where a stream resumes: after the event named by {@code Last-Event-ID} (sent by an SSE client
   * that reconnects) or by {@code after} (for WebSockets, and for a first SSE connection); null
   * for the live events only. A malformed id, or one of another domain, is a 400 naming it.
   */
  private Long resumeAfter(RoutingContext ctx) {
    String header = ctx.request().getHeader("Last-Event-ID");
    boolean socket = "websocket".equalsIgnoreCase(ctx.request().getHeader("Upgrade"));
    if (header != null && !socket) {
      return eventId(header, "Last-Event-ID", null);
    }
    String param = ctx.request().getParam("after");
    return param == null ? null : eventId(param, "after", "/after");
  }

  private Long eventId(String id, String name, String field) {
    int colon = id.lastIndexOf(':');
    String seq = colon < 0 ? "" : id.substring(colon + 1);
    if (colon <= 0 || seq.isEmpty() || seq.length() > 18 || !seq.chars().allMatch(Character::isDigit)) {
      throw ApiProblem.badRequest(name + " '" + shown(id) + "' is not an event id: expected <domain>:<seq> as the "
          + "stream's id lines give them, e.g. " + domain + ":1620", field);
    }
    String of = id.substring(0, colon);
    if (!of.equals(domain)) {
      throw ApiProblem.badRequest(name + " '" + shown(id) + "' names domain '" + shown(of) + "'; this stream is "
          + "domain '" + domain + "'", field);
    }
    return Long.parseLong(seq);
  }

  private static String shown(String text) {
    return text.length() > 64 ? text.substring(0, 64) + "…" : text;
  }

  /** The types asked for (all when none); an unknown one is a 400 naming every unknown one. */
  private static Set<String> types(String param) {
    if (param == null || param.isBlank()) {
      return Set.of();
    }
    Set<String> asked = new LinkedHashSet<>();
    for (String t : param.split(",")) {
      String type = t.trim();
      if (!type.isEmpty()) {
        asked.add(type);
      }
    }
    requireKnownTypes(asked, "the stream carries");
    return Set.copyOf(asked);
  }

  /**
   * Every type is one the event stream carries; else a 400 naming each unknown one and what
   * {@code carrier} (the stream, webhooks) carries.
   */
  static void requireKnownTypes(Collection<String> types, String carrier) {
    Set<String> unknown = new TreeSet<>();
    for (String t : types) {
      if (!EventJson.TYPES.contains(t)) {
        unknown.add(t);
      }
    }
    if (!unknown.isEmpty()) {
      throw ApiProblem.badRequest("unknown event type" + (unknown.size() == 1 ? " " : "s ")
          + String.join(", ", unknown.stream().map(u -> "'" + u + "'").toList())
          + "; " + carrier + " " + String.join(", ", EventJson.TYPES), "/types");
    }
  }
}

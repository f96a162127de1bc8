package dev.contactrouter.api;

import dev.contactrouter.codec.BoardJson;
import dev.contactrouter.core.BoardView;
import dev.contactrouter.engine.Addresses;
import dev.contactrouter.engine.AsOf;
import dev.contactrouter.engine.DomainClient;
import dev.contactrouter.engine.DomainQuery.BoardQuery;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The branch boards: a site's "now serving" view, read from the domain writer's committed state,
 * and the same view as server-sent events that send the whole board again whenever it changes. A
 * board credential reaches these two operations for its own site and nothing else (see {@link
 * Gate#authorize}); what they show names counters, never agents.
 */
final class BoardHandler extends SocketHandler {
  /** Events arriving within this long of one another cost one read of the board. */
  static final long COALESCE_MILLIS = 200;

  BoardHandler(Vertx vertx, DomainClient domains, String domain, Gate gate, long pingMillis) {
    super(vertx, domains, domain, gate, pingMillis);
  }

  void getBoard(RoutingContext ctx) {
    domains.ask(domain, new BoardQuery(ctx.pathParam("site")))
        .onSuccess(board -> Requests.json(ctx, 200, BoardJson.board(board.value(), board.now())))
        .onFailure(ctx::fail);
  }

  /**
   * The board first, then again on each change. Every message is the whole board, so a display
   * that reconnects resumes from the first one; if the board cannot be read the stream ends and
   * the display reconnects when the engine answers again.
   */
  void boardStream(RoutingContext ctx) {
    String site = ctx.pathParam("site");
    Long expiresAt = Requests.principal(ctx).expiresAt();
    domains.ask(domain, new BoardQuery(site))
        .onSuccess(first -> new Feed(site, ctx.response(), expiresAt).start(first))
        .onFailure(ctx::fail);
  }

  /** One open board stream: what it last sent, and the read it has asked for. */
  private final class Feed {
    private final String site;
    private final HttpServerResponse response;
    private final Long expiresAt;
    private BoardView sent;
    private boolean scheduled;
    private boolean reading;
    private boolean changed;

    Feed(String site, HttpServerResponse response, Long expiresAt) {
      this.site = site;
      this.response = response;
      this.expiresAt = expiresAt;
    }

    void start(AsOf<BoardView> first) {
      if (response.closed()) {
        return; // the display left while the board was read
      }
      eventStream(response);
      send(first);
      // Any committed event may move a ticket; events without a seq (position_changed) never do.
      MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(Addresses.events(domain), m -> {
        if (m.body().containsKey("seq")) {
          changed();
        }
      });
      // What changed between the first read and the subscription is caught by one more read.
      consumer.completion().onSuccess(v -> changed());
      keepOpen(response, consumer, expiresAt, this::end);
    }

    /** Reads the board once the events of the next {@link #COALESCE_MILLIS} are in, one read at a time. */
    private void changed() {
      changed = true;
      if (scheduled || reading || response.closed()) {
        return;
      }
      scheduled = true;
      vertx.setTimer(COALESCE_MILLIS, id -> {
        scheduled = false;
        read();
      });
    }

    private void read() {
      if (response.closed()) {
        return;
      }
      changed = false;
      reading = true;
      domains.ask(domain, new BoardQuery(site)).onComplete(ar -> {
        reading = false;
        if (ar.failed()) {
          end();
          return;
        }
        send(ar.result());
        if (changed) {
          changed();
        }
      });
    }

    private void send(AsOf<BoardView> board) {
      if (response.closed() || board.value().equals(sent)) {
        return;
      }
      sent = board.value();
      response.write("data: " + BoardJson.board(board.value(), board.now()).encode() + "\n\n");
    }

    private void end() {
      if (!response.closed() && !response.ended()) {
        response.end();
      }
    }
  }
}

package dev.contactrouter.api;

import dev.contactrouter.engine.DomainClient;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;

/**
 * What the handlers that hold sockets and server-sent streams open share (an agent's console, the
 * event stream, the branch board): the {@link Gate} that tracks and closes them, and the
 * keep-alive every one gets.
 */
abstract class SocketHandler extends DomainHandler {
  protected final Vertx vertx;
  protected final Gate gate;
  /** How often a WebSocket is pinged (and a server-sent stream gets a comment line). */
  protected final long pingMillis;

  SocketHandler(Vertx vertx, DomainClient domains, String domain, Gate gate, long pingMillis) {
    super(domains, domain);
    this.vertx = vertx;
    this.gate = gate;
    this.pingMillis = pingMillis;
  }

  /**
   * Pings {@code ws} so proxies and idle timeouts do not drop it while quiet; once it closes,
   * stops the pings, unregisters what fed it and lets the gate forget it.
   */
  final void keepOpen(ServerWebSocket ws, MessageConsumer<?> consumer, Runnable untrack) {
    long keepAlive = KeepAlive.ping(vertx, ws, pingMillis);
    ws.closeHandler(v -> {
      vertx.cancelTimer(keepAlive);
      consumer.unregister();
      untrack.run();
    });
  }

  /** Starts a server-sent event stream on {@code response}: chunked, not cached, not buffered by a proxy. */
  static HttpServerResponse eventStream(HttpServerResponse response) {
    return response.setChunked(true)
        .putHeader("Content-Type", "text/event-stream")
        .putHeader("Cache-Control", "no-cache")
        .putHeader("X-Accel-Buffering", "no");
  }

  /**
   * Keeps a server-sent stream open as {@link #keepOpen(ServerWebSocket, MessageConsumer, Runnable)}
   * keeps a WebSocket (a comment line every ping, tracked by the gate) until {@code expiresAt} (its
   * credential's expiry; null for none), when {@code end} ends it; once it closes, stops the
   * timers, unregisters what fed it and lets the gate forget it.
   */
  final void keepOpen(HttpServerResponse response, MessageConsumer<?> consumer, Long expiresAt, Runnable end) {
    Runnable untrack = gate.trackStream(response);
    long heartbeat = vertx.setPeriodic(pingMillis, id -> {
      if (!response.closed()) {
        response.write(": keep-alive\n\n");
      }
    });
    long expiry = expiresAt == null ? -1
        : vertx.setTimer(Math.max(1, expiresAt - System.currentTimeMillis()), id -> end.run());
    response.closeHandler(v -> {
      untrack.run();
      vertx.cancelTimer(heartbeat);
      if (expiry >= 0) {
        vertx.cancelTimer(expiry);
      }
      consumer.unregister();
    });
  }
}

package dev.contactrouter.api;

import dev.contactrouter.engine.DomainClient;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ServerWebSocket;

/**
 * What the handlers that hold sockets open share (an agent's console, the event stream): the
 * {@link Gate} that tracks and closes them, and the keep-alive every socket gets.
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
}

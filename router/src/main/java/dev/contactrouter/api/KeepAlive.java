package dev.contactrouter.api;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;

/** Keeps quiet WebSockets open through the server's idle timeout and proxies. */
final class KeepAlive {
  private KeepAlive() {}

  /**
   * Pings {@code ws} every {@code millis} until it closes (the client's pongs count as traffic
   * too); returns the timer, for the close handler to cancel.
   */
  static long ping(Vertx vertx, ServerWebSocket ws, long millis) {
    return vertx.setPeriodic(millis, id -> {
      if (ws.isClosed()) {
        vertx.cancelTimer(id);
      } else {
        ws.writePing(Buffer.buffer());
      }
    });
  }
}

package dev.contactrouter.api;

import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * The WebSockets one API verticle has open, by the credential that opened them, so that a socket
 * closes when its credential stops being valid: at a sign-in token's expiry, and when a key is
 * revoked or expires (re-checked whenever the key ring changes). Verticle-local: one event loop.
 */
final class OpenSockets {
  /** Close code for a credential that expired or was revoked; the client should sign in again. */
  static final short CREDENTIAL_ENDED = 4001;

  private final Vertx vertx;
  private final Map<String, Set<ServerWebSocket>> byCredential = new HashMap<>();

  OpenSockets(Vertx vertx) {
    this.vertx = vertx;
  }

  /**
   * Starts watching a socket's credential. The caller's close handler must run the returned
   * action (a socket has one close handler, and the caller has its own cleanup too).
   */
  Runnable track(ServerWebSocket ws, Principal p) {
    byCredential.computeIfAbsent(p.keyId(), k -> new LinkedHashSet<>()).add(ws);
    long timer = -1;
    if (p.expiresAt() != null) {
      long delay = Math.max(1, p.expiresAt() - System.currentTimeMillis());
      timer = vertx.setTimer(delay, id -> end(ws, "credential expired"));
    }
    long expiry = timer;
    return () -> {
      if (expiry >= 0) {
        vertx.cancelTimer(expiry);
      }
      Set<ServerWebSocket> set = byCredential.get(p.keyId());
      if (set != null) {
        set.remove(ws);
        if (set.isEmpty()) {
          byCredential.remove(p.keyId());
        }
      }
    };
  }

  /** Closes every socket whose credential {@code stillValid} no longer accepts. */
  void recheck(BiPredicate<String, Long> stillValid) {
    long now = System.currentTimeMillis();
    for (Map.Entry<String, Set<ServerWebSocket>> e : Map.copyOf(byCredential).entrySet()) {
      if (!stillValid.test(e.getKey(), now)) {
        for (ServerWebSocket ws : Set.copyOf(e.getValue())) {
          end(ws, "credential revoked");
        }
      }
    }
  }

  private final Set<io.vertx.core.http.HttpServerResponse> streams = new LinkedHashSet<>();

  /** Keeps a server-sent event stream to end when the node stops; run the returned action when it closes. */
  Runnable trackStream(io.vertx.core.http.HttpServerResponse response) {
    streams.add(response);
    return () -> streams.remove(response);
  }

  /** Ends every event stream (the client's EventSource reconnects, to any node). */
  void endStreams() {
    for (io.vertx.core.http.HttpServerResponse r : Set.copyOf(streams)) {
      if (!r.closed() && !r.ended()) {
        r.end();
      }
    }
    streams.clear();
  }

  /** Closes every socket with {@code code} (1012 when the node stops: reconnect, to any node). */
  void closeAll(short code, String reason) {
    for (Set<ServerWebSocket> set : Map.copyOf(byCredential).values()) {
      for (ServerWebSocket ws : Set.copyOf(set)) {
        if (!ws.isClosed()) {
          ws.close(code, reason);
        }
      }
    }
  }

  private static void end(ServerWebSocket ws, String reason) {
    if (!ws.isClosed()) {
      ws.close(CREDENTIAL_ENDED, reason);
    }
  }
}

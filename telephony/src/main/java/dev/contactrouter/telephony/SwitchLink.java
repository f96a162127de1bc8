package dev.contactrouter.telephony;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's connection to Kamailio's evapi socket: JSON messages framed as netstrings both
 * ways. It reconnects by itself (250 ms doubling to 5 s); each time it is connected again, the
 * {@code onConnected} callback runs (the bridge asks the switch for its calls). A command sent
 * while disconnected is dropped and counted: the sync after the reconnection repairs what it
 * missed.
 */
final class SwitchLink {
  private static final Logger LOG = LoggerFactory.getLogger(SwitchLink.class);
  private static final long MAX_BACKOFF_MILLIS = 5_000;

  private final Vertx vertx;
  private final String host;
  private final int port;
  private final Consumer<JsonObject> messages;
  private final Runnable onConnected;
  private final NetClient client;
  private NetSocket socket;
  private long backoff = 250;
  private boolean closed;
  private long dropped;

  SwitchLink(Vertx vertx, String host, int port, Consumer<JsonObject> messages, Runnable onConnected) {
    this.vertx = vertx;
    this.host = host;
    this.port = port;
    this.messages = messages;
    this.onConnected = onConnected;
    this.client = vertx.createNetClient(new NetClientOptions().setConnectTimeout(2_000).setTcpNoDelay(true)
        .setTcpKeepAlive(true));
  }

  /** Connects for the first time; the future fails if Kamailio is not there (the bridge still retries). */
  Future<Void> start() {
    Promise<Void> first = Promise.promise();
    connect(first);
    return first.future();
  }

  boolean connected() {
    return socket != null;
  }

  long dropped() {
    return dropped;
  }

  void send(JsonObject command) {
    if (socket == null) {
      dropped++;
      LOG.debug("switch not connected: dropped {}", command);
      return;
    }
    socket.write(Netstrings.encode(command.encode()));
  }

  Future<Void> close() {
    closed = true;
    NetSocket s = socket;
    socket = null;
    return (s == null ? Future.<Void>succeededFuture() : s.close()).eventually(client::close);
  }

  private void connect(Promise<Void> first) {
    if (closed) {
      return;
    }
    client.connect(port, host).onComplete(ar -> {
      if (ar.failed()) {
        if (first != null) {
          first.tryFail(ar.cause());
        }
        LOG.warn("switch evapi {}:{} not reachable ({}); retrying in {} ms", host, port, ar.cause().getMessage(), backoff);
        retry();
        return;
      }
      NetSocket s = ar.result();
      if (closed) {
        s.close();
        return;
      }
      socket = s;
      backoff = 250;
      Netstrings parser = new Netstrings(payload -> {
        JsonObject message;
        try {
          message = new JsonObject(payload);
        } catch (RuntimeException e) {
          LOG.warn("switch sent something that is not JSON: {}", abbreviate(payload));
          return;
        }
        messages.accept(message);
      });
      s.handler(bytes -> {
        try {
          parser.feed(bytes);
        } catch (IllegalStateException e) {
          LOG.error("switch stream is broken ({}); reconnecting", e.getMessage());
          s.close();
        }
      });
      s.closeHandler(v -> {
        if (socket == s) {
          socket = null;
          if (!closed) {
            LOG.warn("switch evapi connection closed; reconnecting");
            retry();
          }
        }
      });
      LOG.info("connected to the switch (evapi {}:{})", host, port);
      if (first != null) {
        first.tryComplete();
      }
      onConnected.run();
    });
  }

  private void retry() {
    long delay = backoff;
    backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
    vertx.setTimer(delay, id -> connect(null));
  }

  private static String abbreviate(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "…" : s;
  }
}

package dev.contactrouter.api;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * A loopback TCP proxy to a server, which a test can cut (every open connection closed, new ones
 * closed on arrival, as when a database becomes unreachable) and restore, or hold (nothing the
 * client sends is passed on, connections stay open, as when a database is stalled) and release. A
 * verticle, so its connections are handled on one event loop and cut and restore simply run there too.
 */
public final class TcpProxy extends VerticleBase {
  private final String targetHost;
  private final int targetPort;
  private final Set<NetSocket> open = new HashSet<>();
  /** The client sides of open connections: paused while held. */
  private final Set<NetSocket> clients = new HashSet<>();
  private boolean held;
  private NetServer server;
  private NetClient client;
  private boolean cut;

  public TcpProxy(String targetHost, int targetPort) {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
  }

  @Override
  public Future<?> start() {
    client = vertx.createNetClient();
    server = vertx.createNetServer().connectHandler(this::accept);
    return server.listen(0, "127.0.0.1");
  }

  public int port() {
    return server.actualPort();
  }

  /** Closes every connection and refuses new ones until {@link #restore}. */
  public Future<Void> cut() {
    return onContext(() -> {
      cut = true;
      new HashSet<>(open).forEach(NetSocket::close);
      open.clear();
    });
  }

  public Future<Void> restore() {
    return onContext(() -> cut = false);
  }

  /** Stops passing on what clients send (their bytes wait, connections stay open) until {@link #release}. */
  public Future<Void> hold() {
    return onContext(() -> {
      held = true;
      clients.forEach(NetSocket::pause);
    });
  }

  /** Passes on everything held back, and what comes next. */
  public Future<Void> release() {
    return onContext(() -> {
      held = false;
      clients.forEach(NetSocket::resume);
    });
  }

  /** Runs {@code change} on the proxy's event loop, where its connections are handled. */
  private Future<Void> onContext(Runnable change) {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      change.run();
      done.complete();
    });
    return done.future();
  }

  private void accept(NetSocket in) {
    if (cut) {
      in.close();
      return;
    }
    in.pause();
    client.connect(targetPort, targetHost).onComplete(ar -> {
      if (ar.failed() || cut) {
        in.close();
        if (ar.succeeded()) {
          ar.result().close();
        }
        return;
      }
      NetSocket out = ar.result();
      open.add(in);
      open.add(out);
      clients.add(in);
      in.closeHandler(v -> {
        open.remove(in);
        clients.remove(in);
        out.close();
      });
      out.closeHandler(v -> {
        open.remove(out);
        in.close();
      });
      in.handler(out::write);
      out.handler(in::write);
      if (!held) {
        in.resume();
      }
    });
  }
}

package dev.contactrouter.bench.load;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Starts the bare endpoint ({@link BarePostVerticle}) the way the engine starts its HTTP front:
 * one verticle per core (at most 8), the first binding the port and the rest sharing it.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.contactrouter.bench.load.BareServer [port]</pre>
 */
public final class BareServer {
  private final Vertx vertx;
  private final int port;

  private BareServer(Vertx vertx, int port) {
    this.vertx = vertx;
    this.port = port;
  }

  /** The same instance count as the engine's HTTP front uses on this machine. */
  public static int instances() {
    return Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 8));
  }

  /** Binds 127.0.0.1:{@code port}; 0 picks a free port, shared by every instance. */
  public static Future<BareServer> start(Vertx vertx, int port) {
    // As in the engine: a negative port is Vert.x 5's one random port shared by all instances.
    int listen = port == 0 ? -1 : port;
    BarePostVerticle first = new BarePostVerticle("127.0.0.1", listen);
    return vertx.deployVerticle(first).compose(id -> {
      if (instances() == 1) {
        return Future.succeededFuture(new BareServer(vertx, first.port()));
      }
      return vertx.deployVerticle(() -> new BarePostVerticle("127.0.0.1", listen),
              new DeploymentOptions().setInstances(instances() - 1))
          .map(id2 -> new BareServer(vertx, first.port()));
    });
  }

  public int port() {
    return port;
  }

  public static void main(String[] args) {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    Vertx vertx = Vertx.vertx();
    start(vertx, port)
        .onSuccess(s -> System.out.println("bare POST endpoint on http://127.0.0.1:" + s.port() + "/v1/contacts ("
            + instances() + " verticle instance(s)); Ctrl-C stops it"))
        .onFailure(err -> {
          System.err.println("cannot start: " + err.getMessage());
          vertx.close();
          System.exit(1);
        });
  }
}

package dev.contactrouter.telephony;

import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the telephony bridge; its settings come from the environment (see {@link BridgeConfig}). */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {
  }

  public static void main(String[] args) {
    BridgeConfig config;
    try {
      config = BridgeConfig.fromEnvironment(System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("telephony bridge: " + e.getMessage());
      System.exit(2);
      return;
    }
    Vertx vertx = Vertx.vertx();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        // exiting anyway
      }
    }, "bridge-shutdown"));
    vertx.deployVerticle(new BridgeVerticle(config)).onFailure(e -> {
      LOG.error("telephony bridge did not start: {}", e.getMessage());
      System.exit(1);
    });
  }
}

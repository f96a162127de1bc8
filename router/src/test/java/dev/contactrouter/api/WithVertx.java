package dev.contactrouter.api;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One Vert.x instance for a test class that starts {@link SyncEngine}s from the test thread. */
abstract class WithVertx {
  static Vertx vertx;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void closeVertx() {
    SyncEngine.await(vertx.close());
  }
}

package dev.contactrouter.api;

import dev.contactrouter.testing.EngineExtension;
import dev.contactrouter.testing.EngineUnderTest;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An API test whose tests each run against a fresh embedded engine (in-memory journal and timers,
 * default settings), reached as {@link #engine}; the test's {@code VertxTestContext} is injected.
 */
@ExtendWith(VertxExtension.class)
abstract class EmbeddedEngineTest {
  @RegisterExtension
  static final EngineExtension engines = EngineExtension.embedded();

  protected EngineUnderTest engine;

  @BeforeEach
  void engine(EngineUnderTest engine) {
    this.engine = engine;
  }

  /** A voice queue {@code funds} with no wrap-up, and agent a1 (Li Wei): the desk several tests start from. */
  protected void fundsDesk() {
    engine.ok("PUT", "/v1/queues/funds", EngineUnderTest.ADMIN, new JsonObject().put("name", "Funds").put("channel", "voice")
        .put("wrapUpSeconds", 0));
    engine.ok("PUT", "/v1/agents/a1", EngineUnderTest.ADMIN, new JsonObject().put("name", "Li Wei"));
  }

  /** The compliance review queue (skill {@code compliance}), where held contacts wait. */
  protected void reviewQueue() {
    engine.ok("PUT", "/v1/queues/review", EngineUnderTest.ADMIN, new JsonObject().put("name", "Compliance review")
        .put("skills", new JsonObject().put("compliance", 1)));
  }
}

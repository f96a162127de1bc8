package dev.contactrouter.api;

import dev.contactrouter.testing.EngineExtension;
import dev.contactrouter.testing.EngineUnderTest;
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
}

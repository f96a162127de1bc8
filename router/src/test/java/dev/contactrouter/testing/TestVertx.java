package dev.contactrouter.testing;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

/**
 * Vert.x instances for tests: strict about blocking and watched by {@link BlockedLoopGuard}.
 *
 * <p>The limits live in {@code src/test/resources/vertx-test-options.json}, which vertx-junit5
 * also reads for the {@code Vertx} it injects (the build points {@code vertx.parameter.filename}
 * at it). A task an event loop has run for 500 ms is looked at, every 100 ms, so a loop that
 * waits is caught within about 0.6 s (Vert.x's defaults, 2 s checked once a second, let a loop
 * stall for up to 3 s unnoticed, and then only log it).
 *
 * <p>Why 500 ms, and why it does not flake: {@link BlockedLoopGuard} fails a test at once only if
 * the thread is found waiting (a sleep, a blocking call, a wait for something the same loop must
 * do), which CPU load cannot cause; a task that is running gets {@link
 * BlockedLoopGuard#RUNNING_LIMIT_MILLIS}. Measured over the whole suite (a 100 ms limit checked
 * every 20 ms, while other builds loaded this 2-core machine to 10-20), tasks that block nothing
 * ran for up to 1 s: an engine compiling its OpenAPI validators at start, first requests of a
 * fresh JVM, tasks whose thread was simply not given a core. A wall-clock limit alone would have
 * to sit above that, and would then miss waits shorter than a second.
 */
public final class TestVertx {
  private static final String OPTIONS = "/vertx-test-options.json";
  private static final JsonObject STRICT = load();

  private TestVertx() {
  }

  /** A new guarded Vert.x with default options apart from the limits. */
  public static Vertx create() {
    return create(new VertxOptions());
  }

  /** A new guarded Vert.x with {@code base} (metrics, say) and the test limits. */
  public static Vertx create(VertxOptions base) {
    return BlockedLoopGuard.watch(Vertx.vertx(strict(base)));
  }

  /**
   * {@code base} with the test limits set on it (on it, not a copy: copying options turns metrics
   * options into plain ones).
   */
  public static VertxOptions strict(VertxOptions base) {
    VertxOptions limits = new VertxOptions(STRICT);
    return base.setMaxEventLoopExecuteTime(limits.getMaxEventLoopExecuteTime())
        .setMaxEventLoopExecuteTimeUnit(limits.getMaxEventLoopExecuteTimeUnit())
        .setBlockedThreadCheckInterval(limits.getBlockedThreadCheckInterval())
        .setBlockedThreadCheckIntervalUnit(limits.getBlockedThreadCheckIntervalUnit());
  }

  /** The longest an event-loop task may run in tests, in milliseconds. */
  public static long maxEventLoopExecuteMillis() {
    VertxOptions limits = new VertxOptions(STRICT);
    return TimeUnit.MILLISECONDS.convert(limits.getMaxEventLoopExecuteTime(), limits.getMaxEventLoopExecuteTimeUnit());
  }

  /** How often the blocked-thread checker looks, in milliseconds. */
  public static long checkIntervalMillis() {
    VertxOptions limits = new VertxOptions(STRICT);
    return TimeUnit.MILLISECONDS.convert(limits.getBlockedThreadCheckInterval(), limits.getBlockedThreadCheckIntervalUnit());
  }

  private static JsonObject load() {
    try (InputStream in = TestVertx.class.getResourceAsStream(OPTIONS)) {
      if (in == null) {
        throw new IllegalStateException(OPTIONS + " is not on the test class path");
      }
      return new JsonObject(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package dev.contactrouter.testing;

import static dev.contactrouter.testing.Await.await;
import static dev.contactrouter.testing.Await.until;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The guard against blocked event loops works: a deliberate block is reported with where it was
 * stuck, a long task that keeps running is tolerated up to its own limit, and a test that blocks
 * an event loop fails (shown by running fixture classes through a launcher of their own, so their
 * failures are this test's evidence, not the build's).
 */
class BlockedLoopGuardTest {
  /** Long enough to be seen however the checker's ticks fall, short enough for a unit test. */
  static final long BLOCK_MILLIS = TestVertx.maxEventLoopExecuteMillis() + 3 * TestVertx.checkIntervalMillis() + 200;

  @Test
  void aBlockedEventLoopIsReportedWithWhereItWasStuck() {
    Vertx vertx = TestVertx.create();
    try {
      await("the deliberate block", blockALoop(vertx), Duration.ofSeconds(10));
      List<BlockedLoopGuard.Report> reports = BlockedLoopGuard.take();
      assertThat(reports).as("one report for one block").hasSize(1);
      BlockedLoopGuard.Report report = reports.get(0);
      assertThat(report.thread()).startsWith("vert.x-eventloop-thread-");
      assertThat(report.waiting()).isTrue();
      assertThat(report.limitMillis()).isEqualTo(TestVertx.maxEventLoopExecuteMillis());
      assertThat(report.blockedMillis()).isGreaterThanOrEqualTo(report.limitMillis()).isLessThanOrEqualTo(BLOCK_MILLIS);
      assertThat(Arrays.stream(report.stack()).map(StackTraceElement::getMethodName)).contains("sleepOnTheLoop");
    } finally {
      await(vertx.close());
    }
  }

  @Test
  void aLongTaskThatKeepsRunningIsToleratedUpToItsOwnLimit() {
    Vertx vertx = TestVertx.create();
    try {
      Promise<Long> spun = Promise.promise();
      vertx.runOnContext(v -> spun.complete(spinOnTheLoop(BLOCK_MILLIS)));
      assertThat(await("the long task", spun.future(), Duration.ofSeconds(10))).isPositive();
      assertThat(BlockedLoopGuard.take()).as("running, not waiting, and under %d ms", BlockedLoopGuard.RUNNING_LIMIT_MILLIS)
          .isEmpty();
    } finally {
      await(vertx.close());
    }
  }

  @Test
  void aThreadWaitsOnItsOwnWhenNoOtherThreadHoldsWhatItWaitsFor() throws Exception {
    Object monitor = new Object();
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread holder = new Thread(() -> {
      synchronized (monitor) {
        holding.countDown();
        try {
          release.await(10, TimeUnit.SECONDS); // waits on a latch nobody holds
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }, "holder");
    Thread queued = new Thread(() -> {
      synchronized (monitor) {
        monitor.notifyAll();
      }
    }, "queued");
    holder.start();
    assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
    queued.start();
    try {
      until("both threads settled", () -> state(holder) == Thread.State.TIMED_WAITING
          && state(queued) == Thread.State.BLOCKED, Duration.ofSeconds(10));
      assertThat(BlockedLoopGuard.waitsOnItsOwn(info(holder))).as("parked on a latch").isTrue();
      assertThat(BlockedLoopGuard.waitsOnItsOwn(info(queued))).as("queued for a monitor another thread holds").isFalse();
      assertThat(BlockedLoopGuard.waitsOnItsOwn(info(Thread.currentThread()))).as("running").isFalse();
    } finally {
      release.countDown();
      holder.join(10_000);
      queued.join(10_000);
    }
    long limit = BlockedLoopGuard.RUNNING_LIMIT_MILLIS;
    assertThat(BlockedLoopGuard.fails(true, TestVertx.maxEventLoopExecuteMillis() + 1)).isTrue();
    assertThat(BlockedLoopGuard.fails(false, limit)).isFalse();
    assertThat(BlockedLoopGuard.fails(false, limit + 1)).isTrue();
  }

  private static Thread.State state(Thread t) {
    return info(t).getThreadState();
  }

  private static ThreadInfo info(Thread t) {
    return ManagementFactory.getThreadMXBean().getThreadInfo(t.getId(), 0);
  }

  @Test
  void aTestThatBlocksAnEventLoopFailsWhetherTheHarnessOrVertxJunit5MadeItsVertx() {
    assertThat(System.getProperty("vertx.parameter.filename")).as("the build gives vertx-junit5 the test limits")
        .endsWith("vertx-test-options.json");
    Map<String, Throwable> outcome = run(HarnessFixture.class, VertxExtensionFixture.class);
    assertThat(outcome).containsOnlyKeys("blocksItsEventLoop(EngineUnderTest)", "blocksTheInjectedVertx(Vertx)",
        "leavesItsEventLoopAlone(EngineUnderTest)");
    assertThat(outcome.get("leavesItsEventLoopAlone(EngineUnderTest)")).as("a test that does not block passes").isNull();
    for (String blocking : List.of("blocksItsEventLoop(EngineUnderTest)", "blocksTheInjectedVertx(Vertx)")) {
      assertThat(outcome.get(blocking)).as(blocking).isInstanceOf(AssertionError.class)
          .hasMessageContaining("a Vert.x thread was blocked during " + blocking)
          .hasMessageContaining("vert.x-eventloop-thread-")
          .hasMessageContaining("(limit " + TestVertx.maxEventLoopExecuteMillis() + " ms)");
      assertThat(Arrays.stream(outcome.get(blocking).getSuppressed())
          .flatMap(s -> Arrays.stream(s.getStackTrace())).map(StackTraceElement::getMethodName))
          .as("where the loop was stuck").contains("sleepOnTheLoop");
    }
  }

  /** Each test of the classes, by display name, and what it failed with (null: it passed). */
  private static Map<String, Throwable> run(Class<?>... classes) {
    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
        .selectors(Arrays.stream(classes).map(c -> selectClass(c)).toList())
        .filters(EngineFilter.includeEngines("junit-jupiter"))
        .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
        .build();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    List<String> ran = new ArrayList<>();
    LauncherFactory.create().execute(request, listener, new org.junit.platform.launcher.TestExecutionListener() {
      @Override
      public void executionFinished(org.junit.platform.launcher.TestIdentifier id,
          org.junit.platform.engine.TestExecutionResult result) {
        if (id.isTest()) {
          ran.add(id.getDisplayName());
        }
      }
    });
    TestExecutionSummary summary = listener.getSummary();
    Map<String, Throwable> failures = summary.getFailures().stream()
        .collect(Collectors.toMap(f -> f.getTestIdentifier().getDisplayName(), TestExecutionSummary.Failure::getException));
    Map<String, Throwable> out = new java.util.HashMap<>();
    ran.forEach(name -> out.put(name, failures.get(name)));
    return out;
  }

  /** Blocks one of the loop's threads for {@link #BLOCK_MILLIS}; completes when the block is over. */
  static Future<Void> blockALoop(Vertx vertx) {
    Promise<Void> over = Promise.promise();
    vertx.runOnContext(v -> {
      sleepOnTheLoop();
      over.complete();
    });
    return over.future();
  }

  /** Keeps the thread busy (never waiting) for {@code millis}; returns how many rounds it spun. */
  private static long spinOnTheLoop(long millis) {
    long until = System.nanoTime() + millis * 1_000_000;
    long rounds = 0;
    while (System.nanoTime() - until < 0) {
      rounds++;
    }
    return rounds;
  }

  private static void sleepOnTheLoop() {
    try {
      Thread.sleep(BLOCK_MILLIS); // deliberately: this is the block the guard must catch
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Run only through {@link #run} (surefire does not pick up nested classes). */
  static class HarnessFixture {
    @RegisterExtension
    static final EngineExtension engines = EngineExtension.embedded();

    @Test
    void blocksItsEventLoop(EngineUnderTest engine) {
      await(blockALoop(engine.vertx), Duration.ofSeconds(10));
    }

    @Test
    void leavesItsEventLoopAlone(EngineUnderTest engine) {
      assertThat(engine.send("GET", "/health/live", null, (io.vertx.core.json.JsonObject) null).statusCode()).isEqualTo(200);
    }
  }

  /** The same for the {@code Vertx} vertx-junit5 injects (its options come from the build). */
  @ExtendWith(VertxExtension.class)
  static class VertxExtensionFixture {
    @Test
    void blocksTheInjectedVertx(Vertx vertx) {
      await(blockALoop(vertx), Duration.ofSeconds(10));
    }
  }
}

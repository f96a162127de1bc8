package dev.contactrouter.testing;

import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.internal.threadchecker.BlockedThreadEvent;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fails a test during which an event loop (or a worker) of a watched Vert.x was blocked.
 *
 * <p>Vert.x's blocked-thread checker only logs. Each Vert.x the harness creates ({@link TestVertx})
 * and each {@code Vertx} vertx-junit5 injects into a test or lifecycle method gets its checker's
 * handler replaced by this one. Registered on every Jupiter test class by auto-detection
 * ({@code junit-platform.properties}), the extension fails the test in {@code afterEach} if
 * anything was recorded while it ran, and the class in {@code afterAll} for class-level set-up and
 * tear-down. Tests run one at a time in this build, so what is recorded during a test belongs to
 * it. Outside Jupiter (jqwik) {@link EngineUnderTest#close()} checks.
 *
 * <p>What counts. The checker reports a thread whose current task has run past the limit
 * ({@link TestVertx}: 500 ms). The guard then looks at the thread:
 * <ul>
 *   <li><b>waiting on its own</b>: sleeping, or parked on something no other thread holds (a
 *       future, a latch, a condition, {@code Object.wait}). The loop is blocked. That is what
 *       "never block an event loop" forbids, and it is recorded at once;
 *   <li><b>running</b>, or queued for a lock another thread holds (the holder is running; Vert.x
 *       itself serialises HTTP verticles binding one port that way): the task is computing, or
 *       the machine is not giving it a core. On a loaded 2-core machine the second is common:
 *       tasks that block nothing were measured at up to 1 s (a fresh engine compiling its OpenAPI
 *       validators, a cold first request). Such a task is logged, and recorded only past
 *       {@link #RUNNING_LIMIT_MILLIS}.
 * </ul>
 * Load cannot make a thread wait on its own, so the first rule does not flake. What it misses: a
 * loop stuck for less than {@link #RUNNING_LIMIT_MILLIS} in a native call that shows as running
 * (a blocking socket read).
 *
 * <p>The hook ({@code VertxInternal#blockedThreadChecker()}) is in Vert.x's internal package: it is
 * public, and pinned by the BOM; if a Vert.x upgrade moves it, this class stops compiling rather
 * than the guard going quiet.
 */
public final class BlockedLoopGuard implements BeforeEachCallback, AfterEachCallback, AfterAllCallback,
    InvocationInterceptor {
  /** How long one task may keep running (not waiting) before it fails the test. */
  public static final long RUNNING_LIMIT_MILLIS = 5_000;

  private static final Logger LOG = LoggerFactory.getLogger(BlockedLoopGuard.class);
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final Queue<Report> REPORTS = new ConcurrentLinkedQueue<>();
  private static final Map<Vertx, Boolean> WATCHED = Collections.synchronizedMap(new WeakHashMap<>());
  /** Per thread, the task it was last seen over its limit in. */
  private static final Map<Thread, Sighting> SEEN = Collections.synchronizedMap(new WeakHashMap<>());

  /** A thread found blocked: its name, how long its task had run, whether it was waiting, and where. */
  public record Report(String thread, long blockedMillis, long limitMillis, boolean waiting, StackTraceElement[] stack) {
    /** The stack as a throwable, to log or to attach to a failure. */
    Throwable where() {
      Throwable where = new Throwable(toString());
      where.setStackTrace(stack);
      return where;
    }

    @Override
    public String toString() {
      return thread + (waiting ? " waited" : " kept running") + " in one task for " + blockedMillis + " ms (limit "
          + limitMillis + " ms)";
    }
  }

  /** The sightings of one long task (the checker reports it again at every check while it lasts). */
  private static final class Sighting {
    long lastSeen;
    boolean logged;
    boolean recorded;
  }

  /** Starts watching {@code vertx}'s blocked-thread reports; returns it. */
  public static Vertx watch(Vertx vertx) {
    if (vertx instanceof VertxInternal internal && WATCHED.putIfAbsent(vertx, Boolean.TRUE) == null) {
      internal.blockedThreadChecker().setThreadBlockedHandler(BlockedLoopGuard::sighted);
    }
    return vertx;
  }

  /**
   * Whether a thread waits on its own: sleeping, or parked or blocked on something no other thread
   * holds. (Queued for a lock another thread holds, it waits for that thread to run.)
   */
  static boolean waitsOnItsOwn(ThreadInfo thread) {
    Thread.State s = thread.getThreadState();
    boolean waiting = s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING || s == Thread.State.BLOCKED;
    return waiting && thread.getLockOwnerId() == -1;
  }

  /** Whether a task found past its limit fails the test. */
  static boolean fails(boolean waitsOnItsOwn, long millis) {
    return waitsOnItsOwn || millis > RUNNING_LIMIT_MILLIS;
  }

  /** Takes (and clears) what was recorded so far: for the test that proves the guard works. */
  public static List<Report> take() {
    List<Report> out = new ArrayList<>();
    for (Report r; (r = REPORTS.poll()) != null; ) {
      out.add(r);
    }
    return out;
  }

  /** Fails, naming each blocked thread and where it was stuck, if anything was recorded; clears. */
  public static void verify(String when) {
    List<Report> found = take();
    if (found.isEmpty()) {
      return;
    }
    AssertionError failure = new AssertionError("a Vert.x thread was blocked " + when + ": " + found
        + " (see the stack traces below; never sleep, block or await on an event loop)");
    found.forEach(r -> failure.addSuppressed(r.where()));
    throw failure;
  }

  private static void sighted(BlockedThreadEvent event) {
    Thread thread = event.thread();
    long now = System.nanoTime();
    long millis = event.duration() / 1_000_000;
    ThreadInfo info = THREADS.getThreadInfo(thread.getId(), 0);
    boolean waiting = info != null && waitsOnItsOwn(info);
    StackTraceElement[] stack = thread.getStackTrace();
    Sighting task;
    synchronized (SEEN) {
      task = SEEN.get(thread);
      if (task == null || task.lastSeen <= now - event.duration()) { // last seen before this task began
        task = new Sighting();
        SEEN.put(thread, task);
      }
      task.lastSeen = now;
      if (task.recorded) {
        return;
      }
      task.recorded = fails(waiting, millis);
      if (!task.recorded && task.logged) {
        return;
      }
      task.logged = true;
    }
    Report r = new Report(thread.getName(), millis, event.maxExecTime() / 1_000_000, waiting, stack);
    if (task.recorded) {
      LOG.warn("{}: failing the test", r, r.where());
      REPORTS.add(r);
    } else {
      LOG.info("{}, running (or queued for a lock a running thread holds): tolerated up to {} ms", r,
          RUNNING_LIMIT_MILLIS);
    }
  }

  // ------------------------------------------------------------------ JUnit

  @Override
  public void beforeEach(ExtensionContext context) {
    verify("before " + context.getDisplayName() + " (in class set-up or between tests)");
  }

  @Override
  public void afterEach(ExtensionContext context) {
    verify("during " + context.getDisplayName());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    verify("in the class-level set-up or tear-down of " + context.getDisplayName());
  }

  @Override
  public void interceptBeforeAllMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
      ExtensionContext context) throws Throwable {
    watchArguments(call);
    invocation.proceed();
  }

  @Override
  public void interceptBeforeEachMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
      ExtensionContext context) throws Throwable {
    watchArguments(call);
    invocation.proceed();
  }

  @Override
  public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
      ExtensionContext context) throws Throwable {
    watchArguments(call);
    invocation.proceed();
  }

  @Override
  public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
      ExtensionContext context) throws Throwable {
    watchArguments(call);
    invocation.proceed();
  }

  @Override
  public void interceptAfterEachMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
      ExtensionContext context) throws Throwable {
    watchArguments(call);
    invocation.proceed();
  }

  /** A {@code Vertx} vertx-junit5 (or anyone) passes to a test or lifecycle method gets watched too. */
  private static void watchArguments(ReflectiveInvocationContext<Method> call) {
    for (Object argument : call.getArguments()) {
      if (argument instanceof Vertx vertx) {
        watch(vertx);
      }
    }
  }
}

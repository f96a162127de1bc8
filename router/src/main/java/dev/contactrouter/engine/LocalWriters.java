package dev.contactrouter.engine;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * The domain writers running in this process, so that a request made here is handed to its
 * writer's context directly instead of going over the event bus: no reply address registered and
 * removed, no delivery chain, per request. Only the transport changes: the writer's inbox takes
 * the same {@link DomainMessage}s and answers them the same way ({@link DomainInbox.Reply}), a
 * failure arrives as the {@link ReplyException} the event bus would have carried, and the answer
 * comes back on the caller's context. A writer on another node is still asked over the event bus
 * ({@link DomainClient}).
 *
 * <p>A writer registers once it takes messages and closes its handle before it stops taking them;
 * a request that reaches a closed writer fails with {@link #CLOSED}, and the client sends it over
 * the event bus instead (where the ownership rules decide whether to wait for the next owner).
 */
final class LocalWriters {
  private static final String MAP = "router.local-writers";

  /** A request found its writer closed before running it: nothing was done. */
  static final ReplyException CLOSED = new ReplyException(ReplyFailure.NO_HANDLERS, "the writer stopped taking requests");

  private LocalWriters() {}

  private static LocalMap<String, Writer> map(Vertx vertx) {
    return vertx.sharedData().getLocalMap(MAP);
  }

  /** Makes {@code inbox}, running on {@code context}, the writer this process hands {@code domain}'s requests to. */
  static Writer register(Vertx vertx, String domain, Context context, DomainInbox inbox) {
    Writer writer = new Writer(domain, context, inbox);
    map(vertx).put(domain, writer);
    return writer;
  }

  /** The writer of {@code domain} running in this process and taking requests, or null. */
  static Writer find(Vertx vertx, String domain) {
    Writer writer = map(vertx).get(domain);
    return writer == null || !writer.open ? null : writer;
  }

  /**
   * The requests one client handed to local writers, each failed with {@link ReplyFailure#TIMEOUT}
   * on its caller's context if still unanswered past its deadline: a writer stuck in a long task
   * answers 503 in time, as over the event bus. One periodic check per client instead of a timer
   * set and cancelled per request (3% of the HTTP loops' time at intake). Requests join in the
   * order they are made with one timeout, so they fall due in that order (near enough: threads
   * race by microseconds); answered ones leave when they reach the head. The check runs on the
   * context that made the client (a verticle's, so it ends with it) and touches callers' promises
   * only through their own contexts.
   */
  static final class Deadlines {
    private record Waiting(long dueNanos, Context caller, Promise<DomainMessage> answer, String domain) {}

    private final Queue<Waiting> waiting = new ConcurrentLinkedQueue<>();
    private final long timeoutMillis;
    private final long timeoutNanos;

    Deadlines(Vertx vertx, long timeoutMillis) {
      this.timeoutMillis = timeoutMillis;
      this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
      vertx.setPeriodic(Math.max(10, timeoutMillis / 20), id -> expire(System.nanoTime()));
    }

    void watch(Context caller, Promise<DomainMessage> answer, String domain) {
      waiting.add(new Waiting(System.nanoTime() + timeoutNanos, caller, answer, domain));
    }

    private void expire(long now) {
      for (Waiting w = waiting.peek(); w != null; w = waiting.peek()) {
        boolean answered = w.answer().future().isComplete();
        if (!answered && w.dueNanos() - now > 0) {
          return;
        }
        waiting.poll();
        if (!answered) {
          Waiting late = w;
          late.caller().runOnContext(v -> late.answer().tryFail(new ReplyException(ReplyFailure.TIMEOUT,
              "Timed out after waiting " + timeoutMillis + "(ms) for a reply from domain " + late.domain())));
        }
      }
    }
  }

  /** One domain's writer in this process (shared between verticles, so {@link Shareable}). */
  static final class Writer implements Shareable {
    private final String domain;
    private final Context context;
    private final DomainInbox inbox;
    private volatile boolean open = true;

    private Writer(String domain, Context context, DomainInbox inbox) {
      this.domain = domain;
      this.context = context;
      this.inbox = inbox;
    }

    /**
     * Hands {@code body} to the writer; the answer (or a {@link ReplyException}: the inbox's
     * refusal, {@link ReplyFailure#TIMEOUT} past the {@code deadlines}' timeout, or {@link
     * #CLOSED}) completes on the caller's context.
     */
    Future<DomainMessage> request(Vertx vertx, DomainMessage body, Deadlines deadlines) {
      Context caller = vertx.getOrCreateContext();
      Promise<DomainMessage> answer = Promise.promise();
      deadlines.watch(caller, answer, domain);
      context.runOnContext(v -> {
        if (!open) {
          caller.runOnContext(x -> answer.tryFail(CLOSED));
          return;
        }
        inbox.onLocal(body, new DomainInbox.Reply() {
          @Override
          public void reply(DomainMessage message) {
            caller.runOnContext(x -> answer.tryComplete(message));
          }

          @Override
          public void fail(int code, String message) {
            caller.runOnContext(x -> answer.tryFail(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, code, message)));
          }
        });
      });
      return answer.future();
    }

    /** Whether this is {@code domain}'s writer and still takes requests. */
    boolean serves(String domain) {
      return open && this.domain.equals(domain);
    }

    /** Takes no more requests; those already handed over and not yet run fail with {@link #CLOSED}. */
    void close(Vertx vertx) {
      open = false;
      map(vertx).removeIfPresent(domain, this);
    }
  }
}

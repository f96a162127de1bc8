package dev.contactrouter.engine;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.internal.ContextInternal;
import java.util.concurrent.TimeUnit;

/**
 * Runs the next round of long work (a position look, a snapshot's copy, folding what a snapshot
 * held back, a reconciler's look) on a later turn of its context, after the I/O and timers that
 * are due by then.
 *
 * <p>{@link Context#runOnContext} is not that on an event loop: Netty runs the tasks added while
 * it runs its task queue in the same pass, for up to a second, before it looks at its sockets or
 * its timers again. A look at 100,000 waiting contacts chained that way in rounds of 1,000 held
 * the loop for 40-50 ms in one piece, every two seconds, and the HTTP requests sharing the loop
 * (an engine on one core) waited behind all of it, refusals included. A task scheduled with no
 * delay waits instead for the loop's next pass, which polls the sockets first. On a worker
 * context there is no I/O to let through and its tasks already run one after another, so the
 * round is queued there as usual.
 */
final class NextTurn {
  private NextTurn() {
  }

  /** Runs {@code round} on {@code context}, after what is due on its event loop now. */
  static void run(Context context, Handler<Void> round) {
    if (context.isEventLoopContext() && context instanceof ContextInternal internal) {
      internal.nettyEventLoop().schedule(() -> internal.emit(round), 0, TimeUnit.NANOSECONDS);
    } else {
      context.runOnContext(round);
    }
  }
}

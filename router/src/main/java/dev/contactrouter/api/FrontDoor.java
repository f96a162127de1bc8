package dev.contactrouter.api;

import dev.contactrouter.engine.DomainOverloaded;
import dev.contactrouter.engine.RouterMetrics;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Where new intake (a contact, complaint, account case, survey or callback request) meets the
 * node first: on the request's head, before its body is read, parsed, authenticated or
 * validated. It is refused here with 503 {@code overloaded} and {@code Retry-After} when this
 * event loop runs behind ({@link LoopLag}) or already has as much intake in flight as its {@link
 * IntakeLimit} allows; otherwise it goes on, and its answer (or its connection's close) is timed
 * into the limit. A refusal therefore costs the node one head and one small answer, which is what
 * keeps refusals quick and what it took answered in time when far more is offered than it can
 * take. Everything else (agents' actions, call reports, reads) never passes here.
 *
 * <p>One per HTTP verticle instance, touched only on its event loop.
 */
final class FrontDoor implements Handler<RoutingContext> {
  static final int RETRY_AFTER_SECONDS = 1;
  /** Set on a request taken here, so a path matching two intake routes is counted once. */
  private static final String TAKEN = FrontDoor.class.getName() + ".taken";

  private final IntakeLimit limit;
  private final LoopLag lag;

  FrontDoor(IntakeLimit limit, LoopLag lag) {
    this.limit = limit;
    this.lag = lag;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (ctx.get(TAKEN) != null) {
      ctx.next();
      return;
    }
    if (lag.over()) {
      refuse(ctx, "loop_lag", "its HTTP event loop runs " + lag.lagMillis() + " ms behind (budget "
          + lag.budgetMillis() + " ms)");
      return;
    }
    if (!limit.tryTake()) {
      refuse(ctx, "in_flight", "it has " + limit.inFlight() + " new contacts, complaints, cases, surveys and "
          + "callback requests in flight on this event loop, its limit while they take over "
          + limit.targetMillis() + " ms to answer");
      return;
    }
    long start = System.nanoTime();
    ctx.put(TAKEN, Boolean.TRUE);
    ctx.addEndHandler(ended -> {
      long now = System.nanoTime();
      limit.answered(now - start, now);
    });
    ctx.next();
  }

  private static void refuse(RoutingContext ctx, String reason, String why) {
    RouterMetrics.frontShed(reason);
    ctx.fail(new DomainOverloaded("this node is overloaded: " + why + "; new work is refused until it catches up, "
        + "retry after " + RETRY_AFTER_SECONDS + " s", RETRY_AFTER_SECONDS));
  }
}

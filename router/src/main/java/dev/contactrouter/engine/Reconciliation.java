package dev.contactrouter.engine;

import dev.contactrouter.core.Command;
import dev.contactrouter.core.Reconciler;
import dev.contactrouter.core.RoutingDomain;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A domain writer's repairs of work stuck longer than any rule allows ({@link Reconciler}),
 * judged on what is durable: each {@link #look} goes {@value #ROUND} contacts per turn of the
 * writer's loop, and each repair is an ordinary command by the actor {@code reconciler}, so it is
 * journaled like any other, and counted. A look is given up when the committed state is held,
 * replaced or unavailable (while held, it lags what the timers were told); the next period looks
 * afresh. Touched only on the writer's thread.
 */
final class Reconciliation {
  /** Contacts judged per turn of the writer's loop: a few milliseconds' work. */
  static final int ROUND = 5_000;
  private static final Logger LOG = LoggerFactory.getLogger(Reconciliation.class);

  private final String domainId;
  private final Context context;
  private final Supplier<RoutingDomain> committed;
  private final BooleanSupplier steady;
  private final LongSupplier clock;
  private final WriterOptions options;
  private final Function<Command, Future<Outcome>> submit;
  private final RouterMetrics metrics;
  /** The look under way; null between looks. */
  private Reconciler.Look look;

  /**
   * @param committed the writer's committed state (null while there is none)
   * @param steady whether the writer takes commands and its committed state is not held
   */
  Reconciliation(String domainId, Context context, Supplier<RoutingDomain> committed, BooleanSupplier steady,
      LongSupplier clock, WriterOptions options, Function<Command, Future<Outcome>> submit, RouterMetrics metrics) {
    this.domainId = domainId;
    this.context = context;
    this.committed = committed;
    this.steady = steady;
    this.clock = clock;
    this.options = options;
    this.submit = submit;
    this.metrics = metrics;
  }

  /** Begins a look, unless one is under way or the state may not be judged now. */
  void look() {
    RoutingDomain state = committed.get();
    if (look != null || state == null || !steady.getAsBoolean()) {
      return;
    }
    look = Reconciler.look(state, clock.getAsLong(), options.reconcileGraceMillis(), options.staleAssignmentMillis());
    next();
  }

  private void next() {
    Reconciler.Look current = look;
    if (current == null || committed.get() != current.domain() || !steady.getAsBoolean()) {
      look = null;
      return;
    }
    for (Reconciler.Repair repair : current.next(ROUND)) {
      submit.apply(repair.command()).onSuccess(outcome -> {
        if (outcome instanceof Outcome.Applied) {
          metrics.repaired(repair.kind());
          LOG.atWarn().addKeyValue("domain", domainId).addKeyValue("repair", repair.kind())
              .addKeyValue("subject", repair.subject())
              .log("reconciler repaired stuck work: {}", repair.why());
        }
      });
    }
    if (current.done()) {
      look = null;
    } else {
      NextTurn.run(context, v -> next());
    }
  }
}

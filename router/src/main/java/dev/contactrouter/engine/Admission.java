package dev.contactrouter.engine;

import dev.contactrouter.core.Command;
import java.util.ArrayDeque;
import java.util.function.LongSupplier;

/**
 * Admission control in front of a domain's writer: how many commands it has taken and not yet
 * answered (decided, waiting for the journal), and whether one more may join them. Past its bound
 * a command is refused at once (503 with {@code Retry-After}) instead of waiting behind the others,
 * so a writer offered more than it can journal answers what it took within a bounded time and
 * refuses the rest in well under a millisecond of its own time, and takes new work again the moment
 * the backlog drains.
 *
 * <p>Two lanes. <b>Work in progress</b> (an agent's own actions: accept, reject, complete, status,
 * its own transfers and complaint steps; a switch's reports on calls it already holds and its call
 * lists; a caller hanging up; a key revocation) has a bound {@link #PRIORITY_FACTOR} times higher,
 * so it keeps moving while <b>new intake</b> (contacts, complaints, surveys, callbacks, and every
 * supervisor's or administrator's change) is being refused. Timer firings and the reconciler's
 * repairs never pass here: they are the writer's own work.
 *
 * <p>Two signals. The <b>backlog bound</b> counts commands. The <b>delay budget</b> measures time,
 * the way CoDel does for packets: when the oldest command still waiting has waited longer than the
 * budget, and has done so for a whole {@link #INTERVAL_NANOS interval} (a standing queue, not one
 * slow append), new intake is refused until the wait falls back under the budget. What is taken is
 * then answered within about the budget however fast or slow the journal is today, which a count
 * alone cannot promise (256 commands are 0.1 s of a healthy PostgreSQL and seconds of a sick one).
 * Work in progress gets {@link #PRIORITY_FACTOR} times the budget too.
 *
 * <p>Touched only on the writer's thread.
 */
final class Admission {
  /** The failure code a refusal travels with on the event bus ({@link DomainClient} reads it). */
  static final int SHED_CODE = 5031;
  /** How much more work in progress may be pending than new intake. */
  static final int PRIORITY_FACTOR = 4;
  /** What a refused client is told to wait, in seconds: the backlog drains in well under that. */
  static final int RETRY_AFTER_SECONDS = 1;

  /** How long the wait must stay over the budget before intake is refused: a burst passes. */
  static final long INTERVAL_NANOS = 100_000_000L;

  /** Why a command was refused, as the shed metric's {@code reason} tag. */
  enum Reason {
    INTAKE_BOUND("intake_bound"),
    PRIORITY_BOUND("priority_bound"),
    INTAKE_DELAY("intake_delay"),
    PRIORITY_DELAY("priority_delay");

    final String tag;

    Reason(String tag) {
      this.tag = tag;
    }
  }

  /** An admitted command, until it is answered. */
  static final class Ticket {
    private final long admittedAt;
    private boolean answered;

    private Ticket(long admittedAt) {
      this.admittedAt = admittedAt;
    }
  }

  private final int intakeBound;
  private final int priorityBound;
  private final long budgetNanos;
  private final LongSupplier nanoClock;
  /** Admitted commands in the order they came; answered ones leave from the front. */
  private final ArrayDeque<Ticket> waiting = new ArrayDeque<>();
  private int pending;
  /** When the oldest command's wait went over the budget (and has stayed there since), or -1 while under it. */
  private long overSince = -1;

  /** Only the backlog bound: @see #Admission(int, long, LongSupplier) */
  Admission(int maxPending) {
    this(maxPending, 0, System::nanoTime);
  }

  /**
   * @param maxPending the bound for new intake; 0 turns the bound off
   * @param budgetMillis how long the oldest waiting command may wait before intake is refused
   *     (once that has lasted an interval); 0 turns the budget off
   * @param nanoClock monotonic time, in nanoseconds
   */
  Admission(int maxPending, long budgetMillis, LongSupplier nanoClock) {
    if (maxPending < 0 || budgetMillis < 0) {
      throw new IllegalArgumentException("maxPending and budgetMillis must be 0 (off) or positive, got "
          + maxPending + " and " + budgetMillis);
    }
    this.intakeBound = maxPending;
    this.priorityBound = maxPending * PRIORITY_FACTOR;
    this.budgetNanos = budgetMillis * 1_000_000L;
    this.nanoClock = nanoClock;
  }

  /** Takes a command that {@link #refusal} let through: pending until its ticket is {@link #answered}. */
  Ticket take() {
    pending++;
    Ticket ticket = new Ticket(budgetNanos > 0 ? nanoClock.getAsLong() : 0);
    if (budgetNanos > 0) {
      waiting.addLast(ticket);
    }
    return ticket;
  }

  /** Why {@code command} is refused now, or null when it may be taken. */
  Reason refusal(Command command) {
    boolean inProgress = workInProgress(command);
    if (intakeBound > 0 && pending >= (inProgress ? priorityBound : intakeBound)) {
      return inProgress ? Reason.PRIORITY_BOUND : Reason.INTAKE_BOUND;
    }
    if (budgetNanos > 0) {
      long now = nanoClock.getAsLong();
      trackOverBudget(now);
      long waited = oldestWait(now);
      if (overSince >= 0 && now - overSince >= INTERVAL_NANOS
          && waited > (inProgress ? PRIORITY_FACTOR * budgetNanos : budgetNanos)) {
        return inProgress ? Reason.PRIORITY_DELAY : Reason.INTAKE_DELAY;
      }
    }
    return null;
  }

  /** An admitted command was answered (applied, refused or failed). */
  void answered(Ticket ticket) {
    pending--;
    ticket.answered = true;
    if (budgetNanos > 0) {
      long now = nanoClock.getAsLong();
      trackOverBudget(now);
      while (!waiting.isEmpty() && waiting.peekFirst().answered) {
        waiting.pollFirst();
      }
      trackOverBudget(now);
    }
  }

  /**
   * Keeps {@link #overSince}, the start of the current stretch in which the oldest waiting command
   * has waited longer than the budget. Between calls the oldest's wait only grows, so a stretch
   * that began since the last call began when the oldest crossed the budget; the wait only drops
   * when the oldest is answered, so calling this before and after that is enough.
   */
  private void trackOverBudget(long now) {
    Ticket oldest = waiting.peekFirst();
    long crossed = oldest == null ? Long.MAX_VALUE : oldest.admittedAt + budgetNanos;
    if (now < crossed) {
      overSince = -1;
    } else if (overSince < 0) {
      overSince = crossed;
    }
  }

  /** How long the oldest command not yet answered has waited, in nanoseconds (0 when none). */
  private long oldestWait(long now) {
    Ticket oldest = waiting.peekFirst();
    return oldest == null ? 0 : now - oldest.admittedAt;
  }

  int pending() {
    return pending;
  }

  /** What a refused client reads in the problem's detail. */
  String detail(String domain, Reason reason) {
    if (reason == Reason.INTAKE_DELAY || reason == Reason.PRIORITY_DELAY) {
      return "domain " + domain + " is overloaded: its oldest command has waited "
          + oldestWait(nanoClock.getAsLong()) / 1_000_000L + " ms to be journaled (budget " + budgetNanos / 1_000_000L
          + " ms" + (reason == Reason.PRIORITY_DELAY ? " times " + PRIORITY_FACTOR + " for work in progress" : "")
          + "); new work is refused until it waits less, retry after " + RETRY_AFTER_SECONDS + " s";
    }
    return reason == Reason.INTAKE_BOUND
        ? "domain " + domain + " is overloaded: " + pending + " commands are waiting to be journaled (bound "
            + intakeBound + "); new work is refused until they are, retry after " + RETRY_AFTER_SECONDS + " s"
        : "domain " + domain + " is overloaded: " + pending + " commands are waiting to be journaled (bound "
            + priorityBound + " for work in progress); retry after " + RETRY_AFTER_SECONDS + " s";
  }

  /**
   * Whether {@code command} moves work already in the centre along (or keeps the centre safe)
   * rather than bringing new work in or changing configuration.
   */
  static boolean workInProgress(Command command) {
    if (command instanceof Command.TransferContact t) {
      return t.byAgent() != null;
    }
    if (command instanceof Command.AdvanceComplaint a) {
      return a.byAgent() != null;
    }
    if (command instanceof Command.AdvanceAccountCase a) {
      return a.byAgent() != null;
    }
    return command instanceof Command.AcceptOffer
        || command instanceof Command.RejectOffer
        || command instanceof Command.CompleteContact
        || command instanceof Command.SetAgentStatus
        || command instanceof Command.ReportCall
        || command instanceof Command.ReconcileCalls
        || command instanceof Command.AbandonContact
        || command instanceof Command.RevokeApiKey
        // The writer's own timers, should one ever be sent as a message.
        || command instanceof Command.ExpireOffer
        || command instanceof Command.EndWrapUp
        || command instanceof Command.ReachSlaPoint
        || command instanceof Command.WidenRouting
        || command instanceof Command.StartFollowUp
        || command instanceof Command.ReachCaseDeadline;
  }
}

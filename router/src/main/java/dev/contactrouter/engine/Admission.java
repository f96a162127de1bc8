package dev.contactrouter.engine;

import dev.contactrouter.core.Command;

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
 * <p>Touched only on the writer's thread.
 */
final class Admission {
  /** The failure code a refusal travels with on the event bus ({@link DomainClient} reads it). */
  static final int SHED_CODE = 5031;
  /** How much more work in progress may be pending than new intake. */
  static final int PRIORITY_FACTOR = 4;
  /** What a refused client is told to wait, in seconds: the backlog drains in well under that. */
  static final int RETRY_AFTER_SECONDS = 1;

  /** Why a command was refused, as the shed metric's {@code reason} tag. */
  enum Reason {
    INTAKE_BOUND("intake_bound"),
    PRIORITY_BOUND("priority_bound");

    final String tag;

    Reason(String tag) {
      this.tag = tag;
    }
  }

  private final int intakeBound;
  private final int priorityBound;
  private int pending;

  /** @param maxPending the bound for new intake; 0 admits everything (no admission control) */
  Admission(int maxPending) {
    if (maxPending < 0) {
      throw new IllegalArgumentException("maxPending must be 0 (off) or positive, got " + maxPending);
    }
    this.intakeBound = maxPending;
    this.priorityBound = maxPending * PRIORITY_FACTOR;
  }

  /**
   * Takes {@code command} (counted as pending until {@link #answered}) or says why not.
   *
   * @return null when admitted, else the reason it is refused
   */
  Reason admit(Command command) {
    if (intakeBound > 0) {
      if (workInProgress(command)) {
        if (pending >= priorityBound) {
          return Reason.PRIORITY_BOUND;
        }
      } else if (pending >= intakeBound) {
        return Reason.INTAKE_BOUND;
      }
    }
    pending++;
    return null;
  }

  /** An admitted command was answered (applied, refused or failed). */
  void answered() {
    pending--;
  }

  int pending() {
    return pending;
  }

  /** What a refused client reads in the problem's detail. */
  String detail(String domain, Reason reason) {
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

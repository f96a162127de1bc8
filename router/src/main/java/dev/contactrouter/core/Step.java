package dev.contactrouter.core;

import java.util.ArrayList;
import java.util.List;

/**
 * The events of one command, applied as they are decided.
 *
 * <p>Every part of {@link RoutingDomain} that decides a command emits through the command's step:
 * each event is folded into the state at once (so the next rule sees it), and recorded with the
 * command's time and actor, or the router's when a rule acted on its own.
 */
final class Step {
  /** Folds one event into the domain's state: {@link RoutingDomain}'s {@code apply}. */
  interface Fold {
    void apply(Event event, long at);
  }

  private final Fold fold;
  final long now;
  final String actor;
  final List<Recorded> events = new ArrayList<>();

  Step(Fold fold, long now, String actor) {
    this.fold = fold;
    this.now = now;
    this.actor = actor;
  }

  void emit(Event event) {
    emit(actor, event);
  }

  void emit(String by, Event event) {
    fold.apply(event, now);
    events.add(new Recorded(now, by, event));
  }

  Decision done(Reply reply) {
    return new Decision.Applied(events, reply);
  }
}

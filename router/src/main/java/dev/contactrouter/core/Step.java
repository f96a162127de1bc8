package dev.contactrouter.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

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
    void apply(Event event, long at, String actor);
  }

  private final Fold fold;
  /** The contact an event names as it stands now, or null if the domain does not hold it. */
  private final Function<String, EventSubject> subjectOf;
  final long now;
  final String actor;
  // Sized for the few events a command emits (the benchmark's three commands: one to four), where the default
  // first growth made an array of ten for each list of every command.
  final List<Recorded> events = new ArrayList<>(4);
  private final List<EventSubject> subjects = new ArrayList<>(4);

  Step(Fold fold, Function<String, EventSubject> subjectOf, long now, String actor) {
    this.fold = fold;
    this.subjectOf = subjectOf;
    this.now = now;
    this.actor = actor;
  }

  void emit(Event event) {
    emit(actor, event);
  }

  void emit(String by, Event event) {
    fold.apply(event, now, by);
    events.add(new Recorded(now, by, event));
    String contactId = event.contactId();
    EventSubject subject = contactId == null ? null : subjectOf.apply(contactId);
    if (event instanceof Event.ContactQueued) {
      // Events that named the contact before it arrived take the subject of its arrival.
      for (int i = subjects.size() - 1; i >= 0; i--) {
        if (contactId.equals(events.get(i).event().contactId()) && subjects.get(i) == null) {
          subjects.set(i, subject);
        }
      }
    }
    subjects.add(subject);
  }

  /**
   * The command's outcome. The step ends here (every caller returns this), so the subjects are
   * handed over as a read-only view instead of a copy: one list and array fewer per command.
   */
  Decision done(Reply reply) {
    return new Decision.Applied(events, reply, Collections.unmodifiableList(subjects));
  }
}

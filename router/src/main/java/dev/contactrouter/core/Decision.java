package dev.contactrouter.core;

import java.util.List;

/** The outcome of one command. */
public sealed interface Decision {

  /** The command was carried out; its events are already applied to the in-memory state. */
  /**
   * @param subjects for each event, the contact it names as it stood right after it (null for an
   *     event that names none, or one the domain does not hold): what the event stream adds
   */
  record Applied(List<Recorded> events, Reply reply, List<EventSubject> subjects) implements Decision {
    public Applied {
      events = List.copyOf(events);
      if (subjects.size() != events.size()) {
        throw new IllegalArgumentException("one subject per event");
      }
    }

    /** An outcome whose events name no contact the domain holds. */
    public Applied(List<Recorded> events, Reply reply) {
      this(events, reply, java.util.Collections.nCopies(events.size(), null));
    }
  }

  /**
   * The command was refused; nothing changed.
   *
   * @param field the offending input field (a JSON pointer such as {@code /queue}), or null
   * @param gate the compliance gate it would have breached ({@link Refusal#GATE}), else null
   */
  record Refused(Refusal reason, String detail, String field, Gate gate) implements Decision {
    public Refused(Refusal reason, String detail, String field) {
      this(reason, detail, field, null);
    }
  }
}

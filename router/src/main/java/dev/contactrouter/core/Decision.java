package dev.contactrouter.core;

import java.util.List;

/** The outcome of one command. */
public sealed interface Decision {

  /** The command was carried out; its events are already applied to the in-memory state. */
  record Applied(List<Recorded> events, Reply reply) implements Decision {
    public Applied {
      events = List.copyOf(events);
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

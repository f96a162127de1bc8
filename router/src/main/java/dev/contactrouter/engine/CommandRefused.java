package dev.contactrouter.engine;

import dev.contactrouter.core.Gate;
import dev.contactrouter.core.Refusal;

/** The domain turned a command down; nothing changed. */
public final class CommandRefused extends RuntimeException {
  private final Refusal reason;
  private final String field;
  private final Gate gate;

  public CommandRefused(Refusal reason, String detail, String field) {
    this(reason, detail, field, null);
  }

  public CommandRefused(Refusal reason, String detail, String field, Gate gate) {
    super(detail, null, false, false);
    this.reason = reason;
    this.field = field;
    this.gate = gate;
  }

  /** The compliance gate the command would have breached ({@link Refusal#GATE}), else null. */
  public Gate gate() {
    return gate;
  }

  public Refusal reason() {
    return reason;
  }

  /** The offending input, as a JSON pointer into the request, or null. */
  public String field() {
    return field;
  }
}

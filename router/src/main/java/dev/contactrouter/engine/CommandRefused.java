package dev.contactrouter.engine;

import dev.contactrouter.core.Refusal;

/** The domain turned a command down; nothing changed. */
public final class CommandRefused extends RuntimeException {
  private final Refusal reason;
  private final String field;

  public CommandRefused(Refusal reason, String detail, String field) {
    super(detail, null, false, false);
    this.reason = reason;
    this.field = field;
  }

  public Refusal reason() {
    return reason;
  }

  /** The offending input, as a JSON pointer into the request, or null. */
  public String field() {
    return field;
  }
}

package dev.contactrouter.core;

import java.util.Locale;
import java.util.Optional;

/**
 * The state an agent is in. {@code busy} is not a status: it is derived from capacity (an
 * available agent with no free slot on any channel is shown as busy).
 */
public enum AgentStatus {
  OFFLINE, AVAILABLE, NOT_READY, WRAP_UP;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<AgentStatus> fromWire(String wire) {
    if (wire == null) {
      return Optional.empty();
    }
    for (AgentStatus s : values()) {
      if (s.wire().equals(wire)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}

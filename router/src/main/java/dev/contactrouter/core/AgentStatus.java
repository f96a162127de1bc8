package dev.contactrouter.core;

import java.util.Optional;

/**
 * The state an agent is in. {@code busy} is not a status: it is derived from capacity (an
 * available agent with no free slot on any channel is shown as busy).
 */
public enum AgentStatus implements WireName {
  OFFLINE, AVAILABLE, NOT_READY, WRAP_UP;

  public static Optional<AgentStatus> fromWire(String wire) {
    return WireName.fromWire(values(), wire);
  }
}

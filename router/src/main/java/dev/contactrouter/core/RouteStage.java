package dev.contactrouter.core;

import java.util.Locale;
import java.util.Optional;

/**
 * How widely a contact with a preferred agent (a high-net-worth customer's relationship manager, a
 * return visit's original agent) may be offered: to that agent, then to the agent's team, then to
 * everyone qualified. Each widening is an event; gates (licences, suitability) hold at every stage.
 */
public enum RouteStage {
  PREFERRED, TEAM, OPEN;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<RouteStage> fromWire(String wire) {
    for (RouteStage s : values()) {
      if (s.wire().equals(wire)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}

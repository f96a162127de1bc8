package dev.contactrouter.core;

import java.util.Optional;

/**
 * How widely a contact with a preferred agent (a high-net-worth customer's relationship manager, a
 * return visit's original agent) may be offered: to that agent, then to the agent's team, then to
 * everyone qualified. Each widening is an event; gates (licences, suitability) hold at every stage.
 */
public enum RouteStage implements WireName {
  PREFERRED, TEAM, OPEN;

  public static Optional<RouteStage> fromWire(String wire) {
    return WireName.fromWire(values(), wire);
  }
}

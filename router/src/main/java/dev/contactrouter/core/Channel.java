package dev.contactrouter.core;

import java.util.Optional;

/**
 * How a contact reaches the centre. The wire name is the lower-case constant name. {@code SMS} is
 * a text conversation with its own capacity, like chat, but not real time: the customer answers
 * when they will, so like email it waits through closed hours instead of being turned away, and
 * the reconciler never closes it as abandoned work. New values go at the end (journals store wire
 * names, and an {@code EnumMap} orders by declaration).
 */
public enum Channel implements WireName {
  VOICE, CHAT, BRANCH, EMAIL, CALLBACK, SMS;

  public static Optional<Channel> fromWire(String wire) {
    return WireName.fromWire(values(), wire);
  }
}

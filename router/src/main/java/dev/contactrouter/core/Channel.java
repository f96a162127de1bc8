package dev.contactrouter.core;

import java.util.Optional;

/** How a contact reaches the centre. The wire name is the lower-case constant name. */
public enum Channel implements WireName {
  VOICE, CHAT, BRANCH, EMAIL, CALLBACK;

  public static Optional<Channel> fromWire(String wire) {
    return WireName.fromWire(values(), wire);
  }
}

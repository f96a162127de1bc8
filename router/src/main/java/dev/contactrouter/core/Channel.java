package dev.contactrouter.core;

import java.util.Locale;
import java.util.Optional;

/** How a contact reaches the centre. The wire name is the lower-case constant name. */
public enum Channel {
  VOICE, CHAT, BRANCH, EMAIL, CALLBACK;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Channel> fromWire(String wire) {
    if (wire == null) {
      return Optional.empty();
    }
    for (Channel c : values()) {
      if (c.wire().equals(wire)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}

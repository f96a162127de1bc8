package dev.contactrouter.core;

import java.util.Locale;
import java.util.Optional;

/** Lifecycle of a contact: queued → offered → assigned → completed, or abandoned. */
public enum ContactStatus {
  QUEUED, OFFERED, ASSIGNED, COMPLETED, ABANDONED;

  public boolean terminal() {
    return this == COMPLETED || this == ABANDONED;
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<ContactStatus> fromWire(String wire) {
    if (wire == null) {
      return Optional.empty();
    }
    for (ContactStatus s : values()) {
      if (s.wire().equals(wire)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}

package dev.contactrouter.core;

import java.util.Optional;

/** Lifecycle of a contact: queued → offered → assigned → completed, or abandoned. */
public enum ContactStatus implements WireName {
  QUEUED, OFFERED, ASSIGNED, COMPLETED, ABANDONED;

  public boolean terminal() {
    return this == COMPLETED || this == ABANDONED;
  }

  public static Optional<ContactStatus> fromWire(String wire) {
    return WireName.fromWire(values(), wire);
  }
}

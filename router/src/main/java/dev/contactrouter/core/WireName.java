package dev.contactrouter.core;

import java.util.Locale;
import java.util.Optional;

/**
 * An enum that goes on the wire by name: by default its constant's name in lower case
 * ({@code NOT_READY} is {@code not_ready}); an enum with other names overrides {@link #wire()}.
 */
public interface WireName {
  /** The constant's name, as {@link Enum#name()} gives it. */
  String name();

  default String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The constant of {@code values} whose wire name is {@code wire}; empty for null or an unknown name. */
  static <E extends WireName> Optional<E> fromWire(E[] values, String wire) {
    for (E e : values) {
      if (e.wire().equals(wire)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }
}

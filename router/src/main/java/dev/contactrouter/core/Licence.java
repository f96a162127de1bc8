package dev.contactrouter.core;

import java.util.Objects;

/**
 * A qualification an agent holds (e.g. {@code practitioner}, {@code investment_adviser}).
 *
 * @param validUntil epoch millis after which the licence counts as none; {@code null} if it does
 *     not expire
 */
public record Licence(String name, Long validUntil) {
  public Licence {
    Objects.requireNonNull(name, "name");
  }

  public static Licence permanent(String name) {
    return new Licence(name, null);
  }

  public boolean validAt(long now) {
    return validUntil == null || now <= validUntil;
  }
}

package dev.contactrouter.core;

import java.util.HashMap;
import java.util.Map;

/**
 * One instance of each short name many contacts repeat (a customer tier), so a million waiting
 * contacts hold one copy instead of a million equal ones. Every request body is decoded into
 * strings of its own; this hands back the first of equal strings seen. Bounded: past {@link
 * #LIMIT} distinct names, new ones are kept as they came, so clients that send a different value
 * each time cannot grow it.
 */
final class SharedNames {
  static final int LIMIT = 1_024;

  private final Map<String, String> seen = new HashMap<>();

  /** The instance of {@code name} this domain holds already, else {@code name} itself (null stays null). */
  String of(String name) {
    if (name == null) {
      return null;
    }
    String held = seen.get(name);
    if (held != null) {
      return held;
    }
    if (seen.size() < LIMIT) {
      seen.put(name, name);
    }
    return name;
  }
}

package dev.contactrouter.core;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** Small helpers for the sorted, immutable collections the model is built from. */
final class Skills {
  static final int MIN_LEVEL = 1;
  static final int MAX_LEVEL = 5;

  private Skills() {}

  static SortedMap<String, Integer> sorted(Map<String, Integer> levels) {
    if (levels == null || levels.isEmpty()) {
      return Collections.emptySortedMap();
    }
    return Collections.unmodifiableSortedMap(new TreeMap<>(levels));
  }

  static SortedSet<String> sortedSet(Collection<String> names) {
    if (names == null || names.isEmpty()) {
      return Collections.emptySortedSet();
    }
    return Collections.unmodifiableSortedSet(new TreeSet<>(names));
  }

  /** Union of two requirements, keeping the higher level where both name a skill. */
  static SortedMap<String, Integer> strongest(Map<String, Integer> a, Map<String, Integer> b) {
    TreeMap<String, Integer> merged = new TreeMap<>(a);
    b.forEach((skill, level) -> merged.merge(skill, level, Math::max));
    return Collections.unmodifiableSortedMap(merged);
  }

  /** Every level lowered by {@code by}, never below {@link #MIN_LEVEL}. */
  static SortedMap<String, Integer> relaxed(SortedMap<String, Integer> levels, int by) {
    if (by <= 0) {
      return levels;
    }
    TreeMap<String, Integer> out = new TreeMap<>(levels);
    out.replaceAll((skill, level) -> Math.max(MIN_LEVEL, level - by));
    return Collections.unmodifiableSortedMap(out);
  }

  /** The first skill whose level is outside 1..5, or null. */
  static String invalidLevel(Map<String, Integer> levels) {
    if (levels.isEmpty()) {
      return null; // no iterator for the usual contact, which names no skill of its own
    }
    for (Map.Entry<String, Integer> e : levels.entrySet()) {
      Integer level = e.getValue();
      if (level == null || level < MIN_LEVEL || level > MAX_LEVEL) {
        return e.getKey();
      }
    }
    return null;
  }
}

package dev.contactrouter.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks that an object handed from a domain's writer to other threads (a view, a query's result,
 * a command) cannot change under them: it is a record, enum, string, number or boolean, and every
 * collection or map reachable from it refuses modification.
 */
public final class Immutables {
  private Immutables() {}

  /** Fails naming the path to the first mutable part of {@code root}. */
  public static void assertDeeplyImmutable(Object root) {
    List<String> problems = new ArrayList<>();
    walk(root, root == null ? "null" : root.getClass().getSimpleName(), problems, new IdentityHashMap<>());
    assertThat(problems).as("mutable parts of %s", root).isEmpty();
  }

  private static void walk(Object value, String path, List<String> problems, Map<Object, Boolean> seen) {
    if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
        || value instanceof Character || value instanceof Enum<?> || seen.put(value, true) != null) {
      return;
    }
    if (value instanceof Optional<?> o) {
      o.ifPresent(v -> walk(v, path + ".get()", problems, seen));
    } else if (value instanceof Collection<?> c) {
      if (!refusesChange(() -> addNull(c))) {
        problems.add(path + " is a modifiable " + c.getClass().getName());
      }
      int i = 0;
      for (Object item : c) {
        walk(item, path + "[" + i++ + "]", problems, seen);
      }
    } else if (value instanceof Map<?, ?> m) {
      if (!refusesChange(() -> putNull(m))) {
        problems.add(path + " is a modifiable " + m.getClass().getName());
      }
      m.forEach((k, v) -> {
        walk(k, path + ".key(" + k + ")", problems, seen);
        walk(v, path + "[" + k + "]", problems, seen);
      });
    } else if (value.getClass().isRecord()) {
      for (RecordComponent rc : value.getClass().getRecordComponents()) {
        try {
          rc.getAccessor().setAccessible(true);
          walk(rc.getAccessor().invoke(value), path + "." + rc.getName(), problems, seen);
        } catch (ReflectiveOperationException e) {
          throw new AssertionError("cannot read " + path + "." + rc.getName(), e);
        }
      }
    } else if (!value.getClass().getName().startsWith("java.time.")) {
      problems.add(path + " is a " + value.getClass().getName() + ", not known to be immutable");
    }
  }

  @SuppressWarnings("unchecked")
  private static void addNull(Collection<?> c) {
    ((Collection<Object>) c).add(null);
  }

  @SuppressWarnings("unchecked")
  private static void putNull(Map<?, ?> m) {
    ((Map<Object, Object>) m).put(null, null);
  }

  /** Whether the change is refused as unsupported (a modifiable collection takes it, or fails otherwise). */
  private static boolean refusesChange(Runnable change) {
    try {
      change.run();
      return false;
    } catch (UnsupportedOperationException refused) {
      return true;
    } catch (RuntimeException otherwise) {
      return false;
    }
  }
}

package dev.contactrouter.api.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the problems a check finds, each at the JSON pointer of the value it is about. Checks
 * keep the pointer as a stack of keys and indexes and turn it into text only when they report,
 * so walking a valid value builds no strings. One per validation, on one thread.
 */
public final class Problems {
  private final List<Problem> found = new ArrayList<>();
  private Object[] path = new Object[8];
  private int depth;
  private String namePrefix;

  /** The problems found, in the order the checks met them (no exact repeats). */
  public List<Problem> list() {
    return List.copyOf(found);
  }

  public boolean isEmpty() {
    return found.isEmpty();
  }

  /** Steps into a member (its name, a String) or an element (its index, an Integer). */
  void enter(Object step) {
    push(step);
  }

  void leave() {
    path[--depth] = null;
  }

  /** Reports a problem with the value at the current pointer. */
  void add(String detail) {
    record(pointer(null), detail);
  }

  /** Reports a problem with the member {@code key} of the object at the current pointer. */
  void addMember(String key, String detail) {
    record(pointer(key), detail);
  }

  /**
   * While a member's name (not its value) is checked, problems read "field name must ...":
   * the pointer is the member's, and the words say which part of it is wrong.
   */
  void checkingNames(boolean on) {
    namePrefix = on ? "field name " : null;
  }

  private void record(String pointer, String detail) {
    Problem p = new Problem(pointer, namePrefix == null ? detail : namePrefix + detail);
    if (!found.contains(p)) {
      found.add(p);
    }
  }

  private void push(Object segment) {
    if (depth == path.length) {
      path = java.util.Arrays.copyOf(path, depth * 2);
    }
    path[depth++] = segment;
  }

  private String pointer(String last) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < depth; i++) {
      b.append('/');
      escape(b, path[i].toString());
    }
    if (last != null) {
      b.append('/');
      escape(b, last);
    }
    return b.toString();
  }

  /** RFC 6901: "~" is written "~0" and "/" is written "~1" inside a pointer's segment. */
  private static void escape(StringBuilder b, String segment) {
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c == '~') {
        b.append("~0");
      } else if (c == '/') {
        b.append("~1");
      } else {
        b.append(c);
      }
    }
  }
}

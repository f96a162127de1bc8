package dev.contactrouter.api;

import java.util.List;

/**
 * A request that does not match the API document, with every problem found in it.
 * {@link ProblemHandler} answers it 400 with the list.
 */
final class InvalidRequest extends RuntimeException {
  /**
   * One problem: where ({@code in} is {@code body}, with {@code name} a JSON pointer into it, or a
   * parameter's location, {@code path}, {@code query}, {@code header} or {@code cookie}, with
   * {@code name} the parameter's) and why.
   */
  record Item(String in, String name, String detail) {
    /** The problem in words that stand alone: "/priority must be an integer from 0 to 100". */
    String sentence() {
      if (!in.equals("body")) {
        return in + " parameter " + name + " " + detail;
      }
      return (name.equals("/") ? "the body" : name) + " " + detail;
    }
  }

  private final transient List<Item> items;

  InvalidRequest(List<Item> items) {
    super(summary(items), null, false, false);
    this.items = List.copyOf(items);
  }

  List<Item> items() {
    return items;
  }

  /** The first problem in a sentence, and how many more there are. */
  private static String summary(List<Item> items) {
    int more = items.size() - 1;
    return items.get(0).sentence()
        + (more == 0 ? "" : " (and " + more + " more " + (more == 1 ? "problem" : "problems") + ", listed in errors)");
  }
}

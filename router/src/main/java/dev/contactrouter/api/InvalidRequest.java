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
  record Item(String in, String name, String detail) {}

  private final transient List<Item> items;

  InvalidRequest(List<Item> items) {
    super(items.get(0).name() + " " + items.get(0).detail(), null, false, false);
    this.items = List.copyOf(items);
  }

  List<Item> items() {
    return items;
  }
}

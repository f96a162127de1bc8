package dev.contactrouter.telephony.lab;

import java.util.function.Predicate;

/** Bounded waits for something another thread adds to a collection. */
final class Polling {
  private Polling() {}

  /**
   * The first item of {@code items} that matches, looked for every {@code everyMillis} for at most
   * {@code seconds}; null if none matched in that time.
   */
  static <T> T first(Iterable<T> items, Predicate<? super T> match, long seconds, long everyMillis)
      throws InterruptedException {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (System.nanoTime() < deadline) {
      for (T item : items) {
        if (match.test(item)) {
          return item;
        }
      }
      Thread.sleep(everyMillis);
    }
    return null;
  }
}

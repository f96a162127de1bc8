package dev.contactrouter.store;

import dev.contactrouter.testing.ManualClock;

/** The journal contract against the embedded in-memory journal, its leases on a manual clock. */
class MemoryJournalTest extends JournalContract {
  private final ManualClock clock = new ManualClock(T0);
  private MemoryJournal memory;

  @Override
  Journal create() {
    memory = new MemoryJournal(clock);
    return memory;
  }

  @Override
  void elapse(long millis) {
    clock.advance(millis);
  }

  @Override
  void edit(String domain, long seq, String payload) {
    memory.tamper(domain, seq, payload);
  }

  @Override
  void bumpEpoch(String domain) {
    memory.takeOver(domain);
  }
}

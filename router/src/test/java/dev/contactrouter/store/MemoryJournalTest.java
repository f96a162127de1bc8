package dev.contactrouter.store;

/** The journal contract against the embedded in-memory journal. */
class MemoryJournalTest extends JournalContract {
  private MemoryJournal memory;

  @Override
  Journal create() {
    memory = new MemoryJournal();
    return memory;
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

package dev.contactrouter.store;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a domain's journal stands: the last event's sequence number and hash, and the ownership
 * epoch a writer must hold to append. An append names the head it continues; the journal refuses
 * it (with {@link JournalConflict}) unless that is exactly the stored head, so a gap, a repeated
 * sequence number, a fork of the chain or a writer whose ownership was taken over (the epoch moved
 * on) can never write.
 */
public record JournalHead(String domain, long epoch, long seq, String hash) {

  /** The head of a domain with no events yet. */
  public static JournalHead genesis(String domain) {
    return new JournalHead(domain, 0, 0, HashChain.GENESIS);
  }

  JournalHead after(StoredEvent last) {
    return new JournalHead(domain, epoch, last.seq(), last.hash());
  }

  /**
   * The batch in its stored form, chained after this head; a batch of another domain, or whose
   * sequence numbers do not continue this head one by one, is refused with {@link JournalConflict}.
   */
  List<StoredEvent> chain(List<JournalEntry> batch) {
    List<StoredEvent> out = new ArrayList<>(batch.size());
    String prev = hash;
    long expected = seq + 1;
    for (JournalEntry e : batch) {
      if (!domain.equals(e.domain())) {
        throw new JournalConflict("an entry of domain " + e.domain() + " in a batch for " + domain);
      }
      if (e.seq() != expected) {
        throw new JournalConflict("journal of " + domain + " continues at seq " + expected + ", not " + e.seq());
      }
      StoredEvent stored = StoredEvent.of(domain, e.seq(), e.recorded(), prev, e.key());
      out.add(stored);
      prev = stored.hash();
      expected++;
    }
    return out;
  }
}

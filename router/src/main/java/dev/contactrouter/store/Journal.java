package dev.contactrouter.store;

import io.vertx.core.Future;
import java.util.List;

/**
 * A routing domain's event journal: its audit trail and its recovery log. Only the domain's writer
 * appends; the future of an append succeeds only once its entries are durable, and the writer
 * acknowledges nothing before that.
 */
public interface Journal {

  /**
   * Appends one batch of a domain's entries, atomically. Sequence numbers must continue the
   * domain's sequence without gaps; a journal refuses a batch that does not.
   */
  Future<Void> append(String domain, List<JournalEntry> batch);

  /** At most {@code limit} entries of the domain with a sequence number above {@code afterSeq}, in order. */
  Future<List<JournalEntry>> read(String domain, long afterSeq, int limit);

  /** Whether entries survive the process: false for the embedded in-memory journal. */
  boolean durable();

  default Future<Void> close() {
    return Future.succeededFuture();
  }
}

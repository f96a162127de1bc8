package dev.contactrouter.store;

/**
 * An append did not continue the stored head: its sequence numbers leave a gap or repeat one, or
 * the head moved on (another writer appended, or this writer's ownership epoch is no longer the
 * current one). Nothing of the batch was stored.
 */
public final class JournalConflict extends RuntimeException {
  public JournalConflict(String message) {
    super(message, null, false, false);
  }
}

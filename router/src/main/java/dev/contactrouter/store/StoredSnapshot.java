package dev.contactrouter.store;

import java.util.List;

/**
 * A domain's state after event {@code seq}, as stored beside its journal.
 *
 * @param chainHash the hash of event {@code seq}: ties the snapshot to one history of the domain
 * @param stateHash SHA-256 of {@code state}, checked before the snapshot is trusted
 * @param state the snapshot's JSON text
 */
public record StoredSnapshot(String domain, long seq, int format, String chainHash, String stateHash, String state) {

  public static StoredSnapshot of(String domain, long seq, int format, String chainHash, String state) {
    return new StoredSnapshot(domain, seq, format, chainHash, HashChain.digest(state), state);
  }

  /**
   * A snapshot's encoded state before its place in the journal is known: the state right after the
   * last event of the batch it is appended with ({@link Journal#append(JournalHead, List, Unplaced)}),
   * which gives it its sequence number and chain hash.
   */
  public record Unplaced(int format, String state) {
    public StoredSnapshot at(String domain, long seq, String chainHash) {
      return of(domain, seq, format, chainHash, state);
    }

    @Override
    public String toString() {
      return "StoredSnapshot.Unplaced[format " + format + ", " + state.length() + " chars]";
    }
  }

  /** Whether the state is the one that was stored (its digest still matches). */
  public boolean intact() {
    return HashChain.digest(state).equals(stateHash);
  }

  @Override
  public String toString() {
    return "StoredSnapshot[" + domain + " @" + seq + ", format " + format + ", " + state.length() + " chars]";
  }
}

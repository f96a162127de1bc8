package dev.contactrouter.store;

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

  /** Whether the state is the one that was stored (its digest still matches). */
  public boolean intact() {
    return HashChain.digest(state).equals(stateHash);
  }

  @Override
  public String toString() {
    return "StoredSnapshot[" + domain + " @" + seq + ", format " + format + ", " + state.length() + " chars]";
  }
}

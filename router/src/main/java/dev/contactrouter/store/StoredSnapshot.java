package dev.contactrouter.store;

import java.util.List;

/**
 * A domain's state after event {@code seq}, as stored beside its journal.
 *
 * <p>The state's JSON text is held in parts (of at most {@link
 * dev.contactrouter.store.format.SnapshotFormat#PART_CHARS} characters each) whose concatenation is
 * the text: a domain of a million contacts has a text of about 600 million characters, and no step
 * of taking, storing, checking or reading a snapshot may need it in one piece. One array of that
 * size took the JVM up to 0.7 s to bring to a safepoint (copying, encoding or hashing it runs
 * without safepoint checks), which stopped every thread, the writer and the HTTP loops included.
 *
 * @param chainHash the hash of event {@code seq}: ties the snapshot to one history of the domain
 * @param stateHash SHA-256 of the text's UTF-8 bytes (the parts' in order), checked before the
 *     snapshot is trusted
 * @param parts the snapshot's JSON text, in order; at least one
 */
public record StoredSnapshot(String domain, long seq, int format, String chainHash, String stateHash,
    List<String> parts) {

  public StoredSnapshot {
    parts = List.copyOf(parts);
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("a snapshot's text has at least one part");
    }
  }

  public static StoredSnapshot of(String domain, long seq, int format, String chainHash, List<String> parts) {
    return new StoredSnapshot(domain, seq, format, chainHash, HashChain.digest(parts), parts);
  }

  /**
   * A snapshot's encoded state before its place in the journal is known: the state right after the
   * last event of the batch it is appended with ({@link Journal#append(JournalHead, List, Unplaced)}),
   * which gives it its sequence number and chain hash.
   */
  public record Unplaced(int format, List<String> parts) {
    public Unplaced {
      parts = List.copyOf(parts);
    }

    public StoredSnapshot at(String domain, long seq, String chainHash) {
      return of(domain, seq, format, chainHash, parts);
    }

    @Override
    public String toString() {
      return "StoredSnapshot.Unplaced[format " + format + ", " + chars(parts) + " chars in " + parts.size()
          + " parts]";
    }
  }

  /** Whether the state is the one that was stored (its digest still matches). */
  public boolean intact() {
    return HashChain.digest(parts).equals(stateHash);
  }

  @Override
  public String toString() {
    return "StoredSnapshot[" + domain + " @" + seq + ", format " + format + ", " + chars(parts) + " chars in "
        + parts.size() + " parts]";
  }

  private static long chars(List<String> parts) {
    long n = 0;
    for (String p : parts) {
      n += p.length();
    }
    return n;
  }
}

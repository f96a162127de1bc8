package dev.contactrouter.store;

/**
 * Where a domain's archived events end ({@link PgArchive}): the live journal starts after event
 * {@code seq}, whose hash is {@code hash}, as recorded when it was archived.
 *
 * @param seq the last archived event's seq; 0 when nothing was archived
 * @param hash its hash; {@link HashChain#GENESIS} when nothing was archived
 * @param beforeMillis every archived event has {@code at} before this (the end of the newest
 *     archived month, epoch milliseconds); {@link Long#MIN_VALUE} when nothing was archived
 */
public record ArchivedPart(String domain, long seq, String hash, long beforeMillis) {

  public static ArchivedPart none(String domain) {
    return new ArchivedPart(domain, 0, HashChain.GENESIS, Long.MIN_VALUE);
  }

  /** Whether a time range starting at {@code fromMillis} reaches into the archived part. */
  public boolean reaches(long fromMillis) {
    return seq > 0 && fromMillis < beforeMillis;
  }
}

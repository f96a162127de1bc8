package dev.contactrouter.cluster;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;

/**
 * Which node should own a domain: highest-random-weight (rendezvous) hashing over the live
 * members' ids. Every node computes the same answer from the same membership, and when a node
 * joins or leaves only the domains it wins or held move.
 */
final class Rendezvous {
  private Rendezvous() {}

  /** The member that should own {@code domain}; null when there are none. */
  static String owner(String domain, Collection<String> members) {
    String best = null;
    long bestWeight = Long.MIN_VALUE;
    for (String m : members) {
      long w = weight(domain, m);
      if (best == null || w > bestWeight || (w == bestWeight && m.compareTo(best) < 0)) {
        best = m;
        bestWeight = w;
      }
    }
    return best;
  }

  private static long weight(String domain, String member) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(domain.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(member.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(sha.digest()).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

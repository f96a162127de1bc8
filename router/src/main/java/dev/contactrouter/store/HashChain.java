package dev.contactrouter.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * How a domain's events are chained, so that an edited, removed or inserted event shows.
 *
 * <pre>
 * hash(n) = SHA-256( hash(n-1)                       32 bytes; 32 zero bytes before the first event
 *                  | len(domain)  | domain           UTF-8, each length a 4-byte big-endian int
 *                  | seq                             8-byte big-endian
 *                  | at                              8-byte big-endian, epoch milliseconds
 *                  | len(actor)   | actor
 *                  | len(payload) | payload )        the exact stored event text (JSON)
 * </pre>
 *
 * The lengths make the encoding unambiguous: no two different events hash the same input. Hashes
 * are written as 64 lower-case hex digits.
 */
public final class HashChain {
  /** The hash before a domain's first event. */
  public static final String GENESIS = "0".repeat(64);

  private static final HexFormat HEX = HexFormat.of();

  private HashChain() {}

  public static String link(String prevHash, String domain, long seq, long at, String actor, String payload) {
    MessageDigest sha = SHA256.get();
    sha.update(HEX.parseHex(prevHash));
    text(sha, domain);
    sha.update(ByteBuffer.allocate(16).putLong(seq).putLong(at).array());
    text(sha, actor);
    text(sha, payload);
    return HEX.formatHex(sha.digest());
  }

  /**
   * One SHA-256 instance per thread (a writer chains every event it appends, an API loop digests
   * every key it is shown): looking the algorithm up costs about as much as hashing a short text.
   * Each use ends with {@code digest()}, which leaves the instance reset for the next.
   */
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(HashChain::sha256);

  /**
   * SHA-256 of a text's UTF-8 bytes, as hex: the digest that guards a stored snapshot, and the
   * form API keys and tickets are kept in.
   */
  public static String digest(String text) {
    return HEX.formatHex(SHA256.get().digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * {@link #digest(String)} of the parts' concatenation, one part at a time: a snapshot's text is
   * too large to be hashed as one array (a thread hashing one cannot stop for a safepoint until it
   * is done). Parts must not split a surrogate pair, or the digest is not the whole text's.
   */
  public static String digest(List<String> parts) {
    MessageDigest sha = SHA256.get();
    for (String part : parts) {
      sha.update(part.getBytes(StandardCharsets.UTF_8));
    }
    return HEX.formatHex(sha.digest());
  }

  public static byte[] bytes(String hex) {
    return HEX.parseHex(hex);
  }

  public static String hex(byte[] bytes) {
    return HEX.formatHex(bytes);
  }

  private static void text(MessageDigest sha, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    sha.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
    sha.update(bytes);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}

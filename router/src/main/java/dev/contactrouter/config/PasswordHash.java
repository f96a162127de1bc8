package dev.contactrouter.config;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes in the form {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} (salt and hash in
 * unpadded base64url): PBKDF2 with HMAC-SHA-256, a 16-byte random salt and a 32-byte result.
 * The default cost follows OWASP's advice for PBKDF2-HMAC-SHA256 (600,000 iterations).
 *
 * <p>To produce a hash for {@code ROUTER_USERS} without putting the password in configuration:
 * {@code java -cp contact-router.jar dev.contactrouter.config.PasswordHash} (reads the password
 * from the terminal, or one line from standard input) and use the printed value in place of the
 * password: {@code zhou:pbkdf2-sha256$600000$...$...:supervisor}.
 */
public final class PasswordHash {
  public static final String SCHEME = "pbkdf2-sha256";
  public static final int DEFAULT_ITERATIONS = 600_000;
  static final int MIN_ITERATIONS = 1_000;
  private static final int MAX_ITERATIONS = 10_000_000;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private final int iterations;
  private final byte[] salt;
  private final byte[] hash;

  private PasswordHash(int iterations, byte[] salt, byte[] hash) {
    this.iterations = iterations;
    this.salt = salt;
    this.hash = hash;
  }

  /** Hashes a password with a fresh salt; the caller should clear the array afterwards. */
  public static PasswordHash of(char[] password, int iterations) {
    if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
      throw new IllegalArgumentException("iterations must be between " + MIN_ITERATIONS + " and " + MAX_ITERATIONS);
    }
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    return new PasswordHash(iterations, salt, derive(password, salt, iterations, HASH_BYTES));
  }

  public static boolean looksHashed(String value) {
    return value != null && value.startsWith(SCHEME + "$");
  }

  /** Reads the stored form; a malformed value is a {@link ConfigException}. */
  public static PasswordHash parse(String encoded) {
    String[] parts = encoded.split("\\$", -1);
    if (parts.length != 4 || !parts[0].equals(SCHEME)) {
      throw new ConfigException("a password hash must read " + SCHEME + "$<iterations>$<salt>$<hash>");
    }
    try {
      int iterations = Integer.parseInt(parts[1]);
      byte[] salt = B64D.decode(parts[2]);
      byte[] hash = B64D.decode(parts[3]);
      if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS || salt.length < 8 || hash.length < 16) {
        throw new ConfigException("password hash has too few iterations, or too short a salt or hash");
      }
      return new PasswordHash(iterations, salt, hash);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("a password hash must read " + SCHEME + "$<iterations>$<salt>$<hash> (base64url)");
    }
  }

  /** Whether the password matches, compared in constant time. Costs as much as hashing. */
  public boolean matches(char[] password) {
    byte[] candidate = derive(password, salt, iterations, hash.length);
    return MessageDigest.isEqual(candidate, hash);
  }

  public int iterations() {
    return iterations;
  }

  public String encoded() {
    return SCHEME + "$" + iterations + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
  }

  @Override
  public String toString() {
    return SCHEME + "$" + iterations + "$…";
  }

  private static byte[] derive(char[] password, byte[] salt, int iterations, int bytes) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bytes * 8);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is always available", e);
    } finally {
      spec.clearPassword();
    }
  }

  /** Prints the hash of a password read from the terminal (or one line of standard input). */
  public static void main(String[] args) throws IOException {
    int iterations = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_ITERATIONS;
    Console console = System.console();
    char[] password;
    if (console != null) {
      password = console.readPassword("password: ");
    } else {
      byte[] line = System.in.readAllBytes();
      String text = new String(line, StandardCharsets.UTF_8);
      int end = text.indexOf('\n');
      password = (end < 0 ? text : text.substring(0, end)).replace("\r", "").toCharArray();
      Arrays.fill(line, (byte) 0);
    }
    if (password == null || password.length == 0) {
      System.err.println("no password given");
      System.exit(2);
    }
    System.out.println(of(password, iterations).encoded());
    Arrays.fill(password, '\0');
  }
}

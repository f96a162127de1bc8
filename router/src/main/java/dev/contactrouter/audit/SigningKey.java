package dev.contactrouter.audit;

import dev.contactrouter.store.HashChain;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Ed25519 key that signs audit bundles, and the checks an auditor makes with its public half.
 * Its fingerprint is the SHA-256 of the public key's X.509 (SubjectPublicKeyInfo) encoding as 64
 * hex digits, the same as {@code openssl pkey -pubin -in public-key.pem -outform DER | sha256sum}.
 *
 * @param origin where the key came from, for the manifest and the log (a file, the database, this run only)
 */
public record SigningKey(PrivateKey privateKey, PublicKey publicKey, String origin) {
  public static final String ALGORITHM = "Ed25519";
  private static final Pattern PEM = Pattern.compile(
      "-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

  /** A new key pair; {@code origin} says where it will live. */
  public static SigningKey generate(String origin) {
    try {
      KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
      return new SigningKey(pair.getPrivate(), pair.getPublic(), origin);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java 17 runtime has Ed25519", e);
    }
  }

  /**
   * A key from its encoded halves (PKCS#8 and X.509), checked to be one pair.
   *
   * @throws IllegalArgumentException when they are not Ed25519 keys or not halves of one pair
   */
  public static SigningKey decode(byte[] pkcs8, byte[] x509, String origin) {
    PrivateKey privateKey;
    try {
      privateKey = KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("the private key is not an Ed25519 key in PKCS#8 form");
    }
    SigningKey key = new SigningKey(privateKey, publicKey(x509), origin);
    byte[] probe = "contact-router signing key check".getBytes(StandardCharsets.UTF_8);
    if (!verify(key.publicKey, probe, key.sign(probe))) {
      throw new IllegalArgumentException("the public key is not the private key's other half");
    }
    return key;
  }

  /**
   * A key from PEM text holding a {@code PRIVATE KEY} block (PKCS#8) and its {@code PUBLIC KEY}
   * block (Java 17 cannot derive an Ed25519 public key from the private one): what {@code openssl
   * genpkey -algorithm ed25519 -out key.pem && openssl pkey -in key.pem -pubout >> key.pem} writes.
   */
  public static SigningKey fromPem(String pem, String origin) {
    byte[] pkcs8 = block(pem, "PRIVATE KEY");
    if (pkcs8 == null) {
      throw new IllegalArgumentException("no -----BEGIN PRIVATE KEY----- block (PKCS#8 PEM)");
    }
    byte[] x509 = block(pem, "PUBLIC KEY");
    if (x509 == null) {
      throw new IllegalArgumentException("no -----BEGIN PUBLIC KEY----- block beside the private key "
          + "(append it with: openssl pkey -in KEY.pem -pubout >> KEY.pem)");
    }
    return decode(pkcs8, x509, origin);
  }

  /** An Ed25519 public key from its X.509 encoding. */
  public static PublicKey publicKey(byte[] x509) {
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(x509));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException("not an Ed25519 public key in X.509 form");
    }
  }

  /** An Ed25519 public key from PEM text with a {@code PUBLIC KEY} block. */
  public static PublicKey publicKeyFromPem(String pem) {
    byte[] x509 = block(pem, "PUBLIC KEY");
    if (x509 == null) {
      throw new IllegalArgumentException("no -----BEGIN PUBLIC KEY----- block");
    }
    return publicKey(x509);
  }

  public static String fingerprint(PublicKey key) {
    try {
      return HashChain.hex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  public String fingerprint() {
    return fingerprint(publicKey);
  }

  /** The public key as PEM text. */
  public String publicKeyPem() {
    return pem("PUBLIC KEY", publicKey.getEncoded());
  }

  public byte[] sign(byte[] data) {
    try {
      Signature s = Signature.getInstance(ALGORITHM);
      s.initSign(privateKey);
      s.update(data);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with the audit key", e);
    }
  }

  public static boolean verify(PublicKey key, byte[] data, byte[] signature) {
    try {
      Signature s = Signature.getInstance(ALGORITHM);
      s.initVerify(key);
      s.update(data);
      return s.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  static String pem(String label, byte[] der) {
    return "-----BEGIN " + label + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + label + "-----\n";
  }

  private static byte[] block(String pem, String label) {
    Matcher m = PEM.matcher(pem);
    while (m.find()) {
      if (m.group(1).equals(label)) {
        try {
          return Base64.getMimeDecoder().decode(m.group(2));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("the " + label + " block is not valid base64");
        }
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return "SigningKey[" + ALGORITHM + ", fingerprint " + fingerprint() + ", " + origin + "]";
  }
}

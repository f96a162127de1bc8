package dev.contactrouter.store;

import dev.contactrouter.store.format.Sealing;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * One customer's data key: the key their personal fields are sealed with in the journal
 * (crypto-shredding; see {@link Sealing}). {@code id} is random and names no one: it is what sealed
 * payloads and the journal's {@code customer_id} lookup column hold. The link from the customer
 * to the key (and so to their events) lives only beside the key, in the key store, and goes with
 * it when the key is destroyed.
 *
 * @param customerId the customer's own id (personal: it may be an account or national id)
 * @param secret the 32 bytes of an AES-256 key
 */
public record CustomerKey(String id, String customerId, byte[] secret) {

  /** A new random key for a customer. */
  public static CustomerKey generate(String customerId, SecureRandom random) {
    byte[] idBytes = new byte[16];
    random.nextBytes(idBytes);
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    return new CustomerKey("k-" + HexFormat.of().formatHex(idBytes), customerId, secret);
  }

  public Sealing.SealingKey sealing() {
    return new Sealing.SealingKey(id, secret);
  }

  @Override
  public String toString() {
    return "CustomerKey[" + id + "]"; // never the customer or the secret, in any log
  }
}

package dev.contactrouter.store.format;

import dev.contactrouter.core.PersonalErasure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Revision 12 of event format 1: a customer's personal fields sealed with the customer's own data
 * key (crypto-shredding); revision 13 seals the staff's free text on a customer's contact too (a
 * major contact's reason, a hold release's reason). The encoder writes the event's format 1 object, takes the personal fields
 * of its type ({@link #PERSONAL}) out of it and puts them, as one JSON object of path to value,
 * encrypted with AES-256-GCM, under a last field {@code "sealed"}:
 *
 * <pre>
 * "sealed": {"key": "k-…", "fields": ["contact.customer.name", …], "iv": base64, "data": base64}
 * </pre>
 *
 * {@code key} names the data key (a random id that names no one), {@code fields} the paths that
 * were taken out (names, not values), {@code data} the ciphertext with its 16-byte tag. The
 * additional authenticated data is the key id and the event type, so a sealed block moved to
 * another event does not open. The IV is synthetic: the first 12 bytes of HMAC-SHA-256, under a
 * key derived from the data key, of the event's position ({@code domain}, {@code seq}, {@code at})
 * and the plaintext; the same event at the same position seals to the same bytes (what the golden
 * files need), and two different plaintexts never share an IV under one key.
 *
 * <p>The hash chain covers the payload as stored, ciphertext included, so destroying the key
 * changes nothing the chain covers. Decoding with the key puts the fields back; without it (the
 * key was destroyed) each sealed field reads as {@link #ERASED}, a customer id as {@code
 * erased:<key id>} (still distinct per customer) and a map of attributes as empty.
 */
public final class Sealing {
  /** What an erased text field reads as (the writer blanks its state to the same: {@link PersonalErasure}). */
  public static final String ERASED = PersonalErasure.ERASED;

  /** The personal fields of each event type that has any, as dotted paths in its format 1 object. */
  static final Map<String, List<String>> PERSONAL = Map.ofEntries(
      Map.entry("contact_queued",
          List.of("contact.customer.id", "contact.customer.name", "contact.attributes", "contact.call.caller")),
      Map.entry("case_opened", List.of("customer.id", "customer.name", "summary")),
      Map.entry("account_case_opened", List.of("customer.id", "customer.name")),
      Map.entry("follow_up_scheduled", List.of("followUp.customer.id", "followUp.customer.name")),
      Map.entry("contact_completed", List.of("notes")),
      Map.entry("disposition_recorded", List.of("notes")),
      Map.entry("callback_requested", List.of("number")),
      Map.entry("survey_recorded", List.of("comment")),
      Map.entry("case_advanced", List.of("note")),
      Map.entry("account_case_advanced", List.of("note")),
      // Revision 13: staff free text about a customer's contact.
      Map.entry("contact_marked_major", List.of("reason")),
      Map.entry("contact_released", List.of("reason")));

  /** Each type's personal paths cut at their dots once, not on every event sealed. */
  private static final Map<String, List<String[]>> PERSONAL_STEPS = steps(PERSONAL);

  private static Map<String, List<String[]>> steps(Map<String, List<String>> personal) {
    Map<String, List<String[]>> out = new HashMap<>();
    personal.forEach((type, paths) -> out.put(type, paths.stream().map(p -> p.split("\\.")).toList()));
    return Map.copyOf(out);
  }

  /*
   * Looking a JCE algorithm up costs more than using it on one event; each thread (a domain's
   * writer, a reader) keeps its own instances, which are not thread-safe, and inits them per use.
   */
  private static final ThreadLocal<Cipher> AES_GCM = ThreadLocal.withInitial(() -> instance(() -> Cipher.getInstance("AES/GCM/NoPadding")));
  private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(() -> instance(() -> Mac.getInstance("HmacSHA256")));
  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(() -> instance(() -> MessageDigest.getInstance("SHA-256")));
  private static final byte[] IV_LABEL = "contact-router iv\n".getBytes(StandardCharsets.UTF_8);

  private static final int TAG_BITS = 128;
  private static final int IV_BYTES = 12;

  private Sealing() {}

  /** Whether events of this type carry personal fields (and so are sealed when a key is given). */
  public static boolean personal(String type) {
    return PERSONAL.containsKey(type);
  }

  /**
   * Seals the personal fields of {@code json} (an event's format 1 object, changed in place) with
   * {@code key}; leaves it as it is when the event has none set.
   */
  static JsonObject seal(JsonObject json, SealingKey key, String domain, long seq, long at) {
    String type = json.getString("type");
    List<String> paths = PERSONAL.get(type);
    if (paths == null) {
      return json;
    }
    List<String[]> steps = PERSONAL_STEPS.get(type);
    JsonObject hidden = new JsonObject();
    JsonArray fields = new JsonArray();
    for (int i = 0; i < paths.size(); i++) {
      Object value = remove(json, steps.get(i));
      if (value != null) {
        hidden.put(paths.get(i), value);
        fields.add(paths.get(i));
      }
    }
    if (hidden.isEmpty()) {
      return json;
    }
    byte[] plain = EventFormat.text(hidden).getBytes(StandardCharsets.UTF_8);
    byte[] iv = syntheticIv(key.secret(), domain, seq, at, plain);
    byte[] data = crypt(Cipher.ENCRYPT_MODE, key.secret(), iv, aad(key.id(), type), plain);
    Base64.Encoder b64 = Base64.getEncoder();
    return json.put("sealed", new JsonObject().put("key", key.id()).put("fields", fields)
        .put("iv", b64.encodeToString(iv)).put("data", b64.encodeToString(data)));
  }

  /**
   * Puts the sealed fields of {@code json} back (changed in place): opened with the key {@code
   * keys} gives for its id, or as erased when it gives none.
   */
  static JsonObject open(JsonObject json, Function<String, byte[]> keys) {
    Object sealedValue = json.remove("sealed");
    if (!(sealedValue instanceof JsonObject sealed)) {
      return json;
    }
    String keyId = sealed.getString("key");
    byte[] secret = keys.apply(keyId);
    if (secret == null) {
      for (Object path : sealed.getJsonArray("fields")) {
        put(json, (String) path, erased((String) path, keyId));
      }
      return json;
    }
    Base64.Decoder b64 = Base64.getDecoder();
    byte[] plain = crypt(Cipher.DECRYPT_MODE, secret, b64.decode(sealed.getString("iv")),
        aad(keyId, json.getString("type")), b64.decode(sealed.getString("data")));
    new JsonObject(new String(plain, StandardCharsets.UTF_8)).forEach(f -> put(json, f.getKey(), f.getValue()));
    return json;
  }

  /** The id of the key a payload's fields are sealed with, or null when nothing in it is sealed. */
  static String keyOf(JsonObject json) {
    JsonObject sealed = json.getJsonObject("sealed");
    return sealed == null ? null : sealed.getString("key");
  }

  private static Object erased(String path, String keyId) {
    if (path.endsWith("customer.id")) {
      return PersonalErasure.erasedId(keyId);
    }
    if (path.endsWith("attributes")) {
      return new JsonObject();
    }
    return ERASED;
  }

  /**
   * Takes the value at {@code steps} (a path cut at its dots) out of {@code json}, as {@code
   * JsonObject.remove} gives it; null if absent. Reads the maps underneath directly: {@code
   * getValue} checks and wraps every value it passes on the way.
   */
  private static Object remove(JsonObject json, String[] steps) {
    JsonObject at = json;
    for (int i = 0; i < steps.length - 1; i++) {
      Object inner = at.getMap().get(steps[i]);
      if (inner instanceof JsonObject o) {
        at = o;
      } else if (inner instanceof Map<?, ?> m) {
        @SuppressWarnings("unchecked")
        Map<String, Object> raw = (Map<String, Object>) m;
        at = new JsonObject(raw);
      } else {
        return null;
      }
    }
    return at.remove(steps[steps.length - 1]);
  }

  private static void put(JsonObject json, String path, Object value) {
    int dot = path.indexOf('.');
    if (dot < 0) {
      json.put(path, value);
      return;
    }
    Object inner = json.getValue(path.substring(0, dot));
    if (inner instanceof JsonObject o) {
      put(o, path.substring(dot + 1), value);
    }
  }

  private static byte[] aad(String keyId, String type) {
    return (keyId + "\n" + type).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] syntheticIv(byte[] secret, String domain, long seq, long at, byte[] plain) {
    try {
      MessageDigest sha = SHA256.get();
      sha.update(IV_LABEL);
      byte[] ivKey = sha.digest(secret);
      Mac mac = HMAC.get();
      mac.init(new SecretKeySpec(ivKey, "HmacSHA256"));
      byte[] d = domain.getBytes(StandardCharsets.UTF_8);
      mac.update(ByteBuffer.allocate(4 + d.length + 16).putInt(d.length).put(d).putLong(seq).putLong(at).array());
      return Arrays.copyOf(mac.doFinal(plain), IV_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 refused its key", e);
    }
  }

  private static byte[] crypt(int mode, byte[] secret, byte[] iv, byte[] aad, byte[] input) {
    try {
      Cipher cipher = AES_GCM.get();
      SecretKeySpec key = new SecretKeySpec(secret, "AES");
      GCMParameterSpec spec = new GCMParameterSpec(TAG_BITS, iv);
      try {
        cipher.init(mode, key, spec);
      } catch (InvalidAlgorithmParameterException sameAsLast) {
        // The JDK refuses to encrypt twice in a row with one key and IV on one instance. With a
        // synthetic IV that is the same event sealed again, to the same bytes (safe): a new instance.
        cipher = Cipher.getInstance("AES/GCM/NoPadding");
        AES_GCM.set(cipher);
        cipher.init(mode, key, spec);
      }
      cipher.updateAAD(aad);
      return cipher.doFinal(input);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("sealed personal fields do not open with their key: " + e.getClass().getSimpleName(), e);
    }
  }

  private interface Lookup<T> {
    T get() throws GeneralSecurityException;
  }

  private static <T> T instance(Lookup<T> lookup) {
    try {
      return lookup.get();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime has AES/GCM, HmacSHA256 and SHA-256", e);
    }
  }

  /**
   * A customer's data key as the format needs it: its id (what a sealed payload names) and its
   * 32 secret bytes (AES-256).
   */
  public record SealingKey(String id, byte[] secret) {
    public SealingKey {
      if (secret.length != 32) {
        throw new IllegalArgumentException("a data key is 32 bytes, not " + secret.length);
      }
    }
  }
}

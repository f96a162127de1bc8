package dev.contactrouter.api;

import dev.contactrouter.config.ApiKey;
import dev.contactrouter.store.HashChain;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The API keys an API node accepts right now: the configured ones, plus those issued at run time
 * (recorded in the domain's journal by digest), minus revoked and expired ones. Keys are held
 * only as SHA-256 digests. Immutable: a node builds a new ring when the domain announces a
 * change, so a revocation reaches every node within moments, without a restart.
 */
public final class KeyRing {

  /** A key the ring knows, with the moment it stops being accepted (null: never). */
  private record Entry(Principal principal, String source, String label, Long issuedAt, Long refusedFrom) {}

  private final Map<String, Entry> byDigest = new HashMap<>();
  private final Map<String, Entry> byId = new LinkedHashMap<>();

  /**
   * @param managed the domain's key records as {@code ViewJson.apiKeyRecord} writes them: issued
   *     keys with their digest, and revocations of configured keys (no digest)
   */
  public KeyRing(List<ApiKey> configured, JsonArray managed) {
    this(configured, java.util.Collections.singletonMap(null, managed));
  }

  /**
   * @param managedByDomain each routing domain's key records (see the other constructor); a key
   *     issued in a domain acts in that domain, a configured key in the domain its spec names
   */
  public KeyRing(List<ApiKey> configured, Map<String, JsonArray> managedByDomain) {
    Map<String, Long> revocations = new HashMap<>();
    for (JsonArray managed : managedByDomain.values()) {
      for (Object o : managed) {
        JsonObject k = (JsonObject) o;
        if (k.getString("revokedAt") != null) {
          revocations.put(k.getString("id"), Instant.parse(k.getString("revokedAt")).toEpochMilli());
        }
      }
    }
    for (ApiKey k : configured) {
      String digest = digest(k.key());
      String id = keyId(digest);
      add(digest, new Entry(new Principal(id, k.role(), k.agentId(), revocations.get(id), k.domain(), k.site()), "config", null,
          null, revocations.get(id)));
    }
    for (Map.Entry<String, JsonArray> byDomain : managedByDomain.entrySet()) {
      for (Object o : byDomain.getValue()) {
        JsonObject k = (JsonObject) o;
        String digest = k.getString("digest");
        if (digest == null) {
          continue; // a revocation of a configured key, applied above
        }
        Long refused = earliest(millis(k.getString("expiresAt")), millis(k.getString("revokedAt")));
        add(digest, new Entry(new Principal(k.getString("id"), k.getString("role"), k.getString("agentId"), refused,
            byDomain.getKey()), "managed", k.getString("label"), millis(k.getString("issuedAt")), refused));
      }
    }
  }

  public static KeyRing configuredOnly(List<ApiKey> configured) {
    return new KeyRing(configured, new JsonArray());
  }

  /** The caller a bearer key names, if the key is known and accepted at {@code now}. */
  public Optional<Principal> authenticate(String token, long now) {
    if (token == null || token.isEmpty() || token.length() > 256) {
      return Optional.empty();
    }
    Entry e = byDigest.get(digest(token));
    if (e == null || (e.refusedFrom() != null && now >= e.refusedFrom())) {
      return Optional.empty();
    }
    return Optional.of(e.principal());
  }

  /** Whether a key id is still accepted at {@code now} (false for unknown ids). */
  public boolean accepts(String keyId, long now) {
    Entry e = byId.get(keyId);
    return e != null && (e.refusedFrom() == null || now < e.refusedFrom());
  }

  public boolean knows(String keyId) {
    return byId.containsKey(keyId);
  }

  public Optional<Principal> principal(String keyId) {
    Entry e = byId.get(keyId);
    return e == null ? Optional.empty() : Optional.of(e.principal());
  }

  public boolean isEmpty() {
    return byId.isEmpty();
  }

  /** Every key the ring knows, without secrets or digests, for administrators. */
  public JsonArray describe(long now) {
    return describe(now, p -> true);
  }

  /** The keys whose principal {@code shown} accepts, as {@link #describe(long)}. */
  public JsonArray describe(long now, java.util.function.Predicate<Principal> shown) {
    JsonArray out = new JsonArray();
    for (Entry e : byId.values()) {
      Principal p = e.principal();
      if (!shown.test(p)) {
        continue;
      }
      JsonObject json = new JsonObject().put("id", p.keyId()).put("source", e.source()).put("role", p.role());
      if (p.agentId() != null) {
        json.put("agentId", p.agentId());
      }
      if (p.site() != null) {
        json.put("site", p.site());
      }
      if (e.label() != null) {
        json.put("label", e.label());
      }
      if (e.issuedAt() != null) {
        json.put("issuedAt", Instant.ofEpochMilli(e.issuedAt()).toString());
      }
      if (e.refusedFrom() != null) {
        json.put("refusedFrom", Instant.ofEpochMilli(e.refusedFrom()).toString());
      }
      out.add(json.put("active", e.refusedFrom() == null || now < e.refusedFrom()));
    }
    return out;
  }

  /** SHA-256 of a secret, in hex. */
  public static String digest(String secret) {
    return HashChain.digest(secret);
  }

  /** A key's public name: the first 16 hex digits of its digest. */
  public static String keyId(String digest) {
    return digest.substring(0, 16);
  }

  private void add(String digest, Entry e) {
    byDigest.put(digest, e);
    byId.put(e.principal().keyId(), e);
  }

  private static Long millis(String iso) {
    return iso == null ? null : Instant.parse(iso).toEpochMilli();
  }

  private static Long earliest(Long a, Long b) {
    if (a == null) {
      return b;
    }
    return b == null ? a : Math.min(a, b);
  }
}

package dev.contactrouter.api;

import dev.contactrouter.config.ApiKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The API keys the engine accepts, held only as SHA-256 digests. Immutable. */
public final class ApiKeys {
  private final Map<String, Principal> byDigest = new HashMap<>();

  public ApiKeys(List<ApiKey> keys) {
    for (ApiKey k : keys) {
      String digest = digest(k.key());
      byDigest.put(digest, new Principal(digest.substring(0, 8), k.role(), k.agentId()));
    }
  }

  public Optional<Principal> authenticate(String token) {
    if (token == null || token.isEmpty() || token.length() > 256) {
      return Optional.empty();
    }
    return Optional.ofNullable(byDigest.get(digest(token)));
  }

  public boolean isEmpty() {
    return byDigest.isEmpty();
  }

  static String digest(String secret) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}

package dev.contactrouter.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Tickets for browsers, which cannot set {@code Authorization} on a WebSocket upgrade or an
 * {@code EventSource}: a caller authenticated by header trades its credential for a ticket that
 * one upgrade or one event stream may present as {@code ?ticket=} within {@link #TTL_MILLIS}, once.
 * So the long-lived key or sign-in token never appears in a URL (proxy logs, browser history),
 * and a ticket that leaks there is spent or expired by the time anyone reads it.
 *
 * <p>Tickets are kept, by digest, in Vert.x's shared async map with the ticket's time to live:
 * every API instance of the node sees them, and in a cluster every node (the map is the cluster
 * manager's), since the upgrade may reach another node than the request that got the ticket.
 * Redeeming removes the entry, which is atomic, so a ticket opens one connection at most.
 */
final class StreamTickets {
  /** How long a ticket may wait for its upgrade. */
  static final long TTL_MILLIS = 30_000;
  private static final String MAP = "contact-router.stream-tickets";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A ticket issued: the secret (shown once) and when it stops being accepted. */
  record Ticket(String secret, long expiresAt) {
    JsonObject toJson() {
      return new JsonObject().put("ticket", secret).put("expiresAt", Instant.ofEpochMilli(expiresAt).toString());
    }
  }

  private final Vertx vertx;
  private Future<AsyncMap<String, JsonObject>> map;

  StreamTickets(Vertx vertx) {
    this.vertx = vertx;
  }

  /** A new ticket that stands for {@code principal} until {@code now + TTL_MILLIS}. */
  Future<Ticket> issue(Principal principal, long now) {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    long expiresAt = now + TTL_MILLIS;
    JsonObject entry = new JsonObject()
        .put("keyId", principal.keyId())
        .put("role", principal.role())
        .put("agentId", principal.agentId())
        .put("credentialExpiresAt", principal.expiresAt())
        .put("domain", principal.domain())
        .put("site", principal.site())
        .put("expiresAt", expiresAt);
    return map().compose(m -> m.put(KeyRing.digest(secret), entry, TTL_MILLIS)).map(v -> new Ticket(secret, expiresAt));
  }

  /**
   * The caller a ticket was issued to, if the ticket is known, unspent and unexpired at {@code now};
   * the ticket is spent either way. Whether the credential behind it is still accepted is the
   * caller's to check.
   */
  Future<Optional<Principal>> redeem(String ticket, long now) {
    if (ticket == null || ticket.isEmpty() || ticket.length() > 64) {
      return Future.succeededFuture(Optional.empty());
    }
    return map().compose(m -> m.remove(KeyRing.digest(ticket))).map(entry -> {
      if (entry == null || now >= entry.getLong("expiresAt", 0L)) {
        return Optional.empty();
      }
      return Optional.of(new Principal(entry.getString("keyId"), entry.getString("role"), entry.getString("agentId"),
          entry.getLong("credentialExpiresAt"), entry.getString("domain"), entry.getString("site")));
    });
  }

  private Future<AsyncMap<String, JsonObject>> map() {
    if (map == null || map.failed()) {
      map = vertx.sharedData().getAsyncMap(MAP);
    }
    return map;
  }
}

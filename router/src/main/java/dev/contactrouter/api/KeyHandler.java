package dev.contactrouter.api;

import dev.contactrouter.core.Command;
import dev.contactrouter.engine.DomainClient;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * Administrators issue, revoke and rotate API keys without a restart. The secret is generated
 * here and shown once; the domain records only its digest, with who did it, in the journal.
 * Configured keys (ROUTER_API_KEYS) can be revoked and rotated too: the revocation is recorded.
 */
final class KeyHandler {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final DomainClient domains;
  private final String domain;
  private final String defaultDomain;
  private final Supplier<KeyRing> ring;

  /**
   * @param domain the domain whose keys this handler manages: an administrator sees, revokes and
   *     rotates only keys that act in it
   * @param defaultDomain where a key that names no domain acts
   */
  KeyHandler(DomainClient domains, String domain, String defaultDomain, Supplier<KeyRing> ring) {
    this.domains = domains;
    this.domain = domain;
    this.defaultDomain = defaultDomain;
    this.ring = ring;
  }

  void listKeys(RoutingContext ctx) {
    Requests.json(ctx, 200, ring.get().describe(System.currentTimeMillis(), this::ours));
  }

  /** Whether a key acts in this handler's domain (keys of other tenants are not there for this admin). */
  private boolean ours(Principal p) {
    return domain.equals(p.domainOr(defaultDomain));
  }

  void issueKey(RoutingContext ctx) {
    JsonObject body = Requests.body(ctx);
    String expires = body.getString("expiresAt");
    issue(ctx, body.getString("role"), body.getString("agentId"), body.getString("label"),
        expires == null ? null : Instant.parse(expires).toEpochMilli())
        .onSuccess(key -> created(ctx, key))
        .onFailure(ctx::fail);
  }

  void revokeKey(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (!ring.get().principal(id).filter(this::ours).isPresent()) {
      ctx.fail(ApiProblem.notFound("no API key '" + id + "'"));
      return;
    }
    DomainHandler.reply(ctx, domains.command(domain, new Command.RevokeApiKey(Requests.principal(ctx).actor(), id, null)));
  }

  /** A new key with the same role; the old one keeps working for {@code graceSeconds}. */
  void rotateKey(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    Principal old = ring.get().principal(id).filter(this::ours).orElse(null);
    if (old == null) {
      ctx.fail(ApiProblem.notFound("no API key '" + id + "'"));
      return;
    }
    long grace = Requests.body(ctx).getLong("graceSeconds", 0L);
    String actor = Requests.principal(ctx).actor();
    issue(ctx, old.role(), old.agentId(), "rotated from " + id, null)
        .compose(key -> domains.command(domain,
                new Command.RevokeApiKey(actor, id, System.currentTimeMillis() + grace * 1000))
            .map(Requests::reply)
            .map(revoked -> key.put("replaces", id).put("oldKeyRefusedFrom", revoked.getString("revokedAt"))))
        .onSuccess(key -> created(ctx, key))
        .onFailure(ctx::fail);
  }

  private Future<JsonObject> issue(RoutingContext ctx, String role, String agentId, String label, Long expiresAt) {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    String digest = KeyRing.digest(secret);
    Command command = new Command.IssueApiKey(
        Requests.principal(ctx).actor(), KeyRing.keyId(digest), digest, role, agentId, label, expiresAt);
    return domains.command(domain, command).map(Requests::reply).map(reply -> reply.put("key", secret));
  }

  private static void created(RoutingContext ctx, JsonObject key) {
    ctx.response().putHeader("Cache-Control", "no-store").putHeader("Location", "/v1/keys/" + key.getString("id"));
    Requests.json(ctx, 201, key);
  }
}

package dev.contactrouter.api;

import dev.contactrouter.config.PasswordHash;
import dev.contactrouter.config.User;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Console sign-in: checks a user's password and issues a signed JWT (HS256) naming the user, its
 * role and agent; later verifies such tokens. A token is accepted only while its user is still
 * configured with the same role and agent, so changing a user's configuration and restarting
 * withdraws the tokens issued under the old one.
 */
final class UserTokens {
  static final String ISSUER = "contact-router";
  private static final Pattern JWT_SHAPE = Pattern.compile("^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$");
  private static final int MAX_TOKEN_LENGTH = 4096;
  /** Tolerance for clocks that differ a little between the nodes that issue and check tokens. */
  static final int LEEWAY_SECONDS = 5;

  /** A successful sign-in. */
  record SignIn(String token, User user, long expiresAtSeconds) {
    JsonObject toJson() {
      return new JsonObject()
          .put("token", token)
          .put("username", user.username())
          .put("role", user.role())
          .put("agentId", user.agentId())
          .put("expiresAt", Instant.ofEpochSecond(expiresAtSeconds).toString());
    }
  }

  private final Vertx vertx;
  private final JWTAuth jwt;
  private final Map<String, User> users = new HashMap<>();
  private final String audience;
  private final int ttlSeconds;
  /** Checked when the user name is unknown, so a failed sign-in takes as long either way. */
  private final PasswordHash decoy;

  UserTokens(Vertx vertx, List<User> users, String secret, int ttlSeconds, String domain) {
    this.vertx = vertx;
    this.ttlSeconds = ttlSeconds;
    this.audience = "domain:" + domain;
    users.forEach(u -> this.users.put(u.username(), u));
    int decoyCost = users.stream().mapToInt(u -> u.password().iterations()).max().orElse(PasswordHash.DEFAULT_ITERATIONS);
    // Matches no password; costs what a real check costs.
    this.decoy = PasswordHash.parse(PasswordHash.SCHEME + "$" + decoyCost + "$" + "A".repeat(22) + "$" + "A".repeat(43));
    this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret))
        .setJWTOptions(new JWTOptions().setIssuer(ISSUER).addAudience(audience).setLeeway(LEEWAY_SECONDS)));
  }

  /** Whether a bearer credential has the shape of a JWT rather than of an API key. */
  static boolean looksLikeJwt(String token) {
    return token.length() <= MAX_TOKEN_LENGTH && JWT_SHAPE.matcher(token).matches();
  }

  /**
   * Checks the password on a worker thread (hashing is slow on purpose) and issues a token;
   * fails with 401 whatever was wrong, the user name or the password.
   */
  Future<SignIn> signIn(String username, String password) {
    User user = users.get(username);
    char[] chars = password.toCharArray();
    return vertx.<Boolean>executeBlocking(() -> {
          try {
            if (user == null) {
              decoy.matches(chars);
              return false;
            }
            return user.password().matches(chars);
          } finally {
            Arrays.fill(chars, '\0');
          }
        }, false)
        .compose(ok -> ok
            ? Future.succeededFuture(issue(user))
            : Future.failedFuture(ApiProblem.unauthorized("unknown user name or wrong password")));
  }

  private SignIn issue(User user) {
    long now = System.currentTimeMillis() / 1000;
    long expires = now + ttlSeconds;
    JsonObject claims = new JsonObject()
        .put("sub", user.username())
        .put("role", user.role())
        .put("iat", now)
        .put("exp", expires);
    if (user.agentId() != null) {
      claims.put("agentId", user.agentId());
    }
    if (user.domain() != null) {
      claims.put("domain", user.domain());
    }
    String token = jwt.generateToken(claims, new JWTOptions()
        .setAlgorithm("HS256").setIssuer(ISSUER).addAudience(audience).setNoTimestamp(true));
    return new SignIn(token, user, expires);
  }

  /** The caller a valid token names; fails when the token is forged, expired or its user changed. */
  Future<Principal> verify(String token) {
    return jwt.authenticate(new TokenCredentials(token)).compose(u -> {
      JsonObject claims = u.principal();
      User user = users.get(claims.getString("sub", ""));
      String role = claims.getString("role");
      String agentId = claims.getString("agentId");
      if (user == null || !user.role().equals(role) || !java.util.Objects.equals(user.agentId(), agentId)
          || !java.util.Objects.equals(user.domain(), claims.getString("domain"))) {
        return Future.failedFuture("token names a user who is no longer configured so");
      }
      // vert.x keeps the registered time claims in the user's attributes, not its principal
      Long exp = u.attributes().getLong("exp", claims.getLong("exp"));
      // the moment the token is really refused: its expiry plus the tolerance
      Long refusedFrom = exp == null ? null : (exp + LEEWAY_SECONDS) * 1000;
      return Future.succeededFuture(new Principal("user:" + user.username(), role, agentId, refusedFrom, user.domain()));
    });
  }
}

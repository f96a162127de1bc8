package dev.contactrouter.api;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Who gets in, and how often: one API verticle's authentication (API keys from the current
 * {@link KeyRing}, console sign-in tokens, and on sockets and streams the single-use tickets of
 * {@link StreamTickets}), role checks, per-caller rate limits, WebSocket origin checks, and the
 * open sockets that must close when their credential ends. Verticle-local.
 */
final class Gate {
  private KeyRing ring;
  private final UserTokens tokens;
  private final StreamTickets tickets;
  private final RateLimiter perCaller;
  private final RateLimiter perAddress;
  private final OpenSockets sockets;
  private final List<String> allowedOrigins;

  Gate(KeyRing ring, UserTokens tokens, StreamTickets tickets, RateLimiter perCaller, RateLimiter perAddress, OpenSockets sockets,
      List<String> allowedOrigins) {
    this.ring = ring;
    this.tokens = tokens;
    this.tickets = tickets;
    this.perCaller = perCaller;
    this.perAddress = perAddress;
    this.sockets = sockets;
    this.allowedOrigins = List.copyOf(allowedOrigins);
  }

  KeyRing ring() {
    return ring;
  }

  /** Closes every open socket with the close code for "service restart": the client reconnects. */
  void closeSockets(String reason) {
    sockets.closeAll(SERVICE_RESTART, reason);
    sockets.endStreams();
  }

  Runnable trackStream(io.vertx.core.http.HttpServerResponse response) {
    return sockets.trackStream(response);
  }

  /** WebSocket close code 1012 (service restart): this node stops; reconnect, to this or any node. */
  static final short SERVICE_RESTART = 1012;

  /** Takes a new ring (a key was issued or revoked) and closes sockets it no longer accepts. */
  void ring(KeyRing next) {
    ring = next;
    sockets.recheck((credential, now) -> credential.startsWith("user:") || next.accepts(credential, now));
  }

  /** Watches a socket's credential; run the returned action when the socket closes. */
  Runnable track(ServerWebSocket ws, Principal p) {
    return sockets.track(ws, p);
  }

  /**
   * Accepts {@code Authorization: Bearer <key or token>} on every route. On the routes that
   * browsers open without headers ({@code streams}: the agent socket and the event stream), also a
   * single-use {@code ?ticket=} from {@code POST /v1/auth/ws-ticket}, and, on WebSocket upgrades
   * only, the credential itself as {@code ?access_token=} (kept for clients that predate tickets).
   * Anywhere else a credential in the URL is refused with 401: it would end up in proxy logs,
   * browser history and {@code Referer} headers.
   */
  Handler<RoutingContext> authenticate(boolean streams) {
    return ctx -> {
      HttpServerRequest request = ctx.request();
      String header = request.getHeader("Authorization");
      String token = null;
      if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
        token = header.substring(7).trim();
      } else if (header == null) {
        String ticket = request.getParam("ticket");
        String accessToken = request.getParam("access_token");
        if (ticket != null && streams) {
          redeem(ctx, ticket);
          return;
        }
        if (accessToken != null && streams && isUpgrade(request)) {
          token = accessToken;
        } else if (ticket != null || accessToken != null) {
          ctx.fail(new ApiProblem(401, "credential-in-url", "Credential in the URL",
              "a credential in the URL is accepted only on WebSocket upgrades (access_token, discouraged, or ticket)"
                  + " and event streams (ticket): send Authorization: Bearer <api-key or sign-in token>", null));
          return;
        }
      }
      if (token == null) {
        ctx.fail(ApiProblem.unauthorized("send Authorization: Bearer <api-key or sign-in token>"));
        return;
      }
      Optional<Principal> byKey = ring.authenticate(token, System.currentTimeMillis());
      if (byKey.isPresent()) {
        accept(ctx, byKey.get());
      } else if (UserTokens.looksLikeJwt(token)) {
        tokens.verify(token).onComplete(ar -> {
          if (ar.succeeded()) {
            accept(ctx, ar.result());
          } else {
            ctx.fail(ApiProblem.unauthorized("the sign-in token has expired or is no longer valid: sign in again"));
          }
        });
      } else {
        ctx.fail(ApiProblem.unauthorized("unknown, expired or revoked API key"));
      }
    };
  }

  /** A ticket for a socket or stream of the caller's, valid for {@link StreamTickets#TTL_MILLIS}, once. */
  Future<StreamTickets.Ticket> issueTicket(Principal caller) {
    return tickets.issue(caller, System.currentTimeMillis());
  }

  /** Spends a ticket; the caller it stands for gets in while its own credential is still accepted. */
  private void redeem(RoutingContext ctx, String ticket) {
    long now = System.currentTimeMillis();
    tickets.redeem(ticket, now).onComplete(ar -> {
      Principal p = ar.succeeded() ? ar.result().orElse(null) : null;
      boolean stillAccepted = p != null
          && (p.expiresAt() == null || now < p.expiresAt())
          && (p.keyId().startsWith("user:") || ring.accepts(p.keyId(), now));
      if (stillAccepted) {
        accept(ctx, p);
      } else {
        ctx.fail(ApiProblem.unauthorized("unknown, used or expired ticket: get a new one from POST /v1/auth/ws-ticket"));
      }
    });
  }

  private static boolean isUpgrade(HttpServerRequest request) {
    return "websocket".equalsIgnoreCase(request.getHeader("Upgrade"));
  }

  /**
   * Lets through the roles an operation's {@code x-roles} names; {@code agent-self} admits an agent
   * on its own {@code id}, {@code board-site} a board key on its own {@code site}.
   */
  Handler<RoutingContext> authorize(List<String> roles) {
    return ctx -> {
      Principal p = Requests.principal(ctx);
      boolean allowed = roles.contains(p.role())
          || (p.isAgent() && roles.contains("agent-self") && p.agentId().equals(ctx.pathParam("id")))
          || (p.isBoard() && roles.contains("board-site") && p.site() != null && p.site().equals(ctx.pathParam("site")));
      if (allowed) {
        ctx.next();
      } else if (p.isAgent() && roles.contains("agent-self")) {
        ctx.fail(ApiProblem.forbidden("an agent may only act on itself"));
      } else if (p.isBoard() && roles.contains("board-site")) {
        ctx.fail(ApiProblem.forbidden("this board key shows site " + p.site() + " only"));
      } else {
        ctx.fail(ApiProblem.forbidden("role " + p.role() + " may not call this operation"));
      }
    };
  }

  /** At most the configured rate per credential; beyond it 429 with Retry-After. */
  Handler<RoutingContext> limitPerCaller() {
    return ctx -> limit(ctx, perCaller, Requests.principal(ctx).keyId());
  }

  /** At most the configured rate per client address, for routes anyone may call (sign-in). */
  Handler<RoutingContext> limitPerAddress() {
    return ctx -> limit(ctx, perAddress, String.valueOf(ctx.request().remoteAddress().hostAddress()));
  }

  /**
   * Browsers send {@code Origin} on WebSocket upgrades and do not apply CORS to them: accept an
   * upgrade only from a configured origin, or (none configured) from the engine's own origin.
   * Clients that are not browsers send no {@code Origin} and are not affected.
   */
  Handler<RoutingContext> checkOrigin() {
    return ctx -> {
      HttpServerRequest request = ctx.request();
      String origin = request.getHeader("Origin");
      if (origin == null || !isUpgrade(request) || originAllowed(origin, request)) {
        ctx.next();
      } else {
        ctx.fail(ApiProblem.forbidden("WebSocket origin " + origin + " is not allowed (ROUTER_ALLOWED_ORIGINS)"));
      }
    };
  }

  private boolean originAllowed(String origin, HttpServerRequest request) {
    if (!allowedOrigins.isEmpty()) {
      return allowedOrigins.contains(origin) || allowedOrigins.contains("*");
    }
    try {
      URI uri = URI.create(origin);
      String host = request.getHeader("Host");
      String authority = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
      return host != null && host.equalsIgnoreCase(authority);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static void limit(RoutingContext ctx, RateLimiter limiter, String caller) {
    long wait = limiter.take(caller, System.currentTimeMillis());
    if (wait == 0) {
      ctx.next();
    } else {
      ctx.response().putHeader("Retry-After", String.valueOf(wait));
      ctx.fail(new ApiProblem(429, "rate-limited", "Too many requests",
          "slow down: this credential may make " + "only a limited number of requests a second", null));
    }
  }

  private static void accept(RoutingContext ctx, Principal principal) {
    ctx.put(Principal.CONTEXT_KEY, principal);
    ctx.next();
  }
}

package dev.contactrouter.api;

import dev.contactrouter.core.Command;
import dev.contactrouter.engine.DomainClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.backends.BackendRegistries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/auth/login}: a console user trades user name and password for a token, with
 * failed attempts throttled per user and per address ({@link SignInThrottle}), recorded in the
 * domain's journal (the audit trail) as {@code sign_in_refused} and counted in the metric {@code
 * router.sign_in.refused} by reason; {@code POST /v1/auth/ws-ticket}: a caller trades its
 * credential for a single-use ticket to open a socket or an event stream with.
 */
final class AuthHandler extends DomainHandler {
  private static final Logger LOG = LoggerFactory.getLogger(AuthHandler.class);
  static final String BAD_CREDENTIALS = "bad_credentials";
  static final String THROTTLED = "throttled";

  private final UserTokens tokens;
  private final Gate gate;
  private final SignInThrottle throttle;
  private final Counter refusedBadCredentials;
  private final Counter refusedThrottled;

  AuthHandler(UserTokens tokens, Gate gate, SignInThrottle throttle, DomainClient domains, String domain) {
    super(domains, domain);
    this.tokens = tokens;
    this.gate = gate;
    this.throttle = throttle;
    MeterRegistry registry = BackendRegistries.getDefaultNow();
    registry = registry == null ? new SimpleMeterRegistry() : registry;
    this.refusedBadCredentials = refused(registry, BAD_CREDENTIALS);
    this.refusedThrottled = refused(registry, THROTTLED);
  }

  private Counter refused(MeterRegistry registry, String reason) {
    return Counter.builder("router.sign_in.refused").tag("domain", domain).tag("reason", reason)
        .description("console sign-ins refused: wrong user name or password, or throttled").register(registry);
  }

  void login(RoutingContext ctx) {
    JsonObject body = Requests.body(ctx);
    String username = body.getString("username");
    String address = String.valueOf(ctx.request().remoteAddress().hostAddress());
    long now = System.currentTimeMillis();
    ctx.response().putHeader("Cache-Control", "no-store");
    throttle.check(username, address, now)
        .compose(verdict -> verdict.locked()
            ? refuseThrottled(ctx, username, address, verdict)
            : tokens.signIn(username, body.getString("password")).compose(
                signIn -> throttle.succeeded(username).map(signIn),
                failure -> failed(username, address, now, failure)))
        .onSuccess(signIn -> Requests.json(ctx, 200, signIn.toJson()))
        .onFailure(ctx::fail);
  }

  private Future<UserTokens.SignIn> refuseThrottled(RoutingContext ctx, String username, String address,
      SignInThrottle.Verdict verdict) {
    refusedThrottled.increment();
    ctx.response().putHeader("Retry-After", String.valueOf(verdict.retryAfterSeconds()));
    return audit(username, address, THROTTLED, verdict).compose(v -> Future.failedFuture(new ApiProblem(429,
        "sign-in-throttled", "Too many failed sign-ins", "too many failed sign-ins for this user or from this address:"
            + " try again in " + verdict.retryAfterSeconds() + " s", null)));
  }

  private Future<UserTokens.SignIn> failed(String username, String address, long now, Throwable failure) {
    if (!(failure instanceof ApiProblem p) || p.status() != 401) {
      return Future.failedFuture(failure);
    }
    refusedBadCredentials.increment();
    return throttle.failed(username, address, now)
        .compose(verdict -> audit(username, address, BAD_CREDENTIALS, verdict))
        .compose(v -> Future.failedFuture(failure));
  }

  /**
   * Records a refused sign-in in the journal before answering. The refusal stands even when the
   * journal cannot take it (an outage): that is logged, and the metric still counts it.
   */
  private Future<Void> audit(String username, String address, String reason, SignInThrottle.Verdict verdict) {
    return domains.command(domain, new Command.RecordSignInRefusal("anonymous", username, address, reason,
            verdict.failures(), verdict.retryAfterSeconds()))
        .<Void>mapEmpty()
        .recover(err -> {
          LOG.warn("a refused sign-in ({}) could not be recorded in the journal of domain {}: {}", reason, domain,
              err.getMessage());
          return Future.succeededFuture();
        });
  }

  void issueStreamTicket(RoutingContext ctx) {
    ctx.response().putHeader("Cache-Control", "no-store");
    gate.issueTicket(Requests.principal(ctx))
        .onSuccess(ticket -> Requests.json(ctx, 201, ticket.toJson()))
        .onFailure(ctx::fail);
  }
}

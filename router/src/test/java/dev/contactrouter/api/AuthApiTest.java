package dev.contactrouter.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.config.PasswordHash;
import dev.contactrouter.config.Setting;
import dev.contactrouter.testing.EngineExtension;
import dev.contactrouter.testing.EngineUnderTest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sign-in, and JWTs and API keys on the same routes, over real HTTP on a free port. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class AuthApiTest {
  private static final String SECRET = "test-secret-0123456789-abcdefghijklmnop";
  private static final String ADMIN_KEY = "admin-key-for-tests";
  private static final String SUPERVISOR_KEY = "supervisor-key-for-tests";
  private static final int FAST = 1_000;

  @RegisterExtension
  static final EngineExtension engines = EngineExtension.embedded()
      .with(Setting.API_KEYS.env(), ADMIN_KEY + "=admin," + SUPERVISOR_KEY + "=supervisor")
      .with(Setting.USERS.env(), "li:" + PasswordHash.of("li-password".toCharArray(), FAST).encoded() + ":agent:a1,zhou:"
          + PasswordHash.of("zhou-password".toCharArray(), FAST).encoded() + ":supervisor")
      .with(Setting.JWT_SECRET.env(), SECRET)
      .with(Setting.JWT_TTL_SECONDS.env(), 600);

  private EngineUnderTest engine;
  private WebClient client;

  @BeforeEach
  void start(EngineUnderTest engine, VertxTestContext ctx) {
    this.engine = engine;
    client = engine.web;
    client.put("/v1/agents/a1").bearerTokenAuthentication(ADMIN_KEY)
        .sendJsonObject(new JsonObject().put("name", "Li Wei"))
        .onComplete(ctx.succeedingThenComplete());
  }

  private Future<HttpResponse<Buffer>> login(String user, String password) {
    return client.post("/v1/auth/login").sendJsonObject(new JsonObject().put("username", user).put("password", password));
  }

  private Future<String> token(String user, String password) {
    return login(user, password).map(r -> r.bodyAsJsonObject().getString("token"));
  }

  @Test
  void aUserSignsInAndTheTokenNamesRoleAndAgent(VertxTestContext ctx) {
    login("li", "li-password").onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.getHeader("Cache-Control")).isEqualTo("no-store");
      JsonObject body = r.bodyAsJsonObject();
      assertThat(body.getString("role")).isEqualTo("agent");
      assertThat(body.getString("agentId")).isEqualTo("a1");
      assertThat(body.getString("token")).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
      assertThat(body.getString("expiresAt")).endsWith("Z");
      ctx.completeNow();
    })));
  }

  @Test
  void aWrongPasswordAndAnUnknownUserGetTheSame401(VertxTestContext ctx) {
    Future.all(login("li", "wrong"), login("nobody", "li-password"), login("li", ""))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          HttpResponse<Buffer> wrong = all.resultAt(0);
          HttpResponse<Buffer> unknown = all.resultAt(1);
          HttpResponse<Buffer> empty = all.resultAt(2);
          assertThat(wrong.statusCode()).isEqualTo(401);
          assertThat(wrong.getHeader("Content-Type")).isEqualTo("application/problem+json");
          assertThat(unknown.statusCode()).isEqualTo(401);
          assertThat(unknown.bodyAsJsonObject().getString("detail")).isEqualTo(wrong.bodyAsJsonObject().getString("detail"));
          assertThat(empty.statusCode()).isEqualTo(400);
          assertThat(empty.bodyAsJsonObject().getString("field")).isEqualTo("/password");
          ctx.completeNow();
        })));
  }

  @Test
  void aSupervisorTokenWorksWhereASupervisorKeyDoes(VertxTestContext ctx) {
    // The two reads run together; the state change only after both, so they see the same agents.
    token("zhou", "zhou-password")
        // The two reads first, the change after them: sent together, the change could land between
        // the reads and make them differ.
        .compose(jwt -> Future.all(
                client.get("/v1/agents").bearerTokenAuthentication(jwt).send(),
                client.get("/v1/agents").bearerTokenAuthentication(SUPERVISOR_KEY).send())
            .compose(reads -> client.put("/v1/agents/a1/status").bearerTokenAuthentication(jwt)
                .sendJsonObject(new JsonObject().put("status", "available"))
                .map(forced -> List.of(reads.resultAt(0), reads.resultAt(1), forced))))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          HttpResponse<Buffer> byToken = all.get(0);
          HttpResponse<Buffer> byKey = all.get(1);
          HttpResponse<Buffer> forced = all.get(2);
          assertThat(byToken.statusCode()).isEqualTo(200);
          assertThat(byToken.bodyAsJsonArray()).isEqualTo(byKey.bodyAsJsonArray());
          assertThat(forced.statusCode()).isEqualTo(200);
          assertThat(forced.bodyAsJsonObject().getString("status")).isEqualTo("available");
          ctx.completeNow();
        })));
  }

  @Test
  void anAgentTokenActsOnlyAsItsOwnAgent(VertxTestContext ctx) {
    token("li", "li-password")
        .compose(jwt -> Future.all(
            client.get("/v1/agents/a1").bearerTokenAuthentication(jwt).send(),
            client.get("/v1/agents/a2").bearerTokenAuthentication(jwt).send(),
            client.get("/v1/agents").bearerTokenAuthentication(jwt).send(),
            client.put("/v1/agents/a1/status").bearerTokenAuthentication(jwt)
                .sendJsonObject(new JsonObject().put("status", "not_ready").put("reason", "lunch"))))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          assertThat(((HttpResponse<?>) all.resultAt(0)).statusCode()).isEqualTo(200);
          assertThat(((HttpResponse<?>) all.resultAt(1)).statusCode()).isEqualTo(403);
          assertThat(((HttpResponse<?>) all.resultAt(2)).statusCode()).isEqualTo(403);
          HttpResponse<Buffer> status = all.resultAt(3);
          assertThat(status.statusCode()).isEqualTo(200);
          assertThat(status.bodyAsJsonObject().getString("reason")).isEqualTo("lunch");
          ctx.completeNow();
        })));
  }

  @Test
  void forgedExpiredOrForeignTokensAreRefused(VertxTestContext ctx) {
    Vertx vertx = engine.vertx;
    long now = System.currentTimeMillis() / 1000;
    JsonObject claims = new JsonObject().put("sub", "zhou").put("role", "supervisor");
    JWTOptions options = new JWTOptions().setIssuer(UserTokens.ISSUER).addAudience("domain:default").setNoTimestamp(true);
    String expired = jwt(vertx, SECRET).generateToken(claims.copy().put("iat", now - 7200).put("exp", now - 3600), options);
    String foreign = jwt(vertx, "another-secret-0123456789-abcdefghijkl").generateToken(
        claims.copy().put("iat", now).put("exp", now + 600), options);
    String otherDomain = jwt(vertx, SECRET).generateToken(claims.copy().put("iat", now).put("exp", now + 600),
        new JWTOptions().setIssuer(UserTokens.ISSUER).addAudience("domain:elsewhere").setNoTimestamp(true));
    String promoted = jwt(vertx, SECRET).generateToken(
        new JsonObject().put("sub", "li").put("role", "supervisor").put("iat", now).put("exp", now + 600), options);
    String valid = jwt(vertx, SECRET).generateToken(claims.copy().put("iat", now).put("exp", now + 600), options);
    String tampered = valid.substring(0, valid.lastIndexOf('.') + 1) + "AAAA" + valid.substring(valid.lastIndexOf('.') + 5);
    Future.all(java.util.List.of(expired, foreign, otherDomain, promoted, tampered, "not-a-key-at-all", valid).stream()
            .map(t -> client.get("/v1/queues").bearerTokenAuthentication(t).send())
            .toList())
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          for (int i = 0; i < 6; i++) {
            HttpResponse<Buffer> r = all.resultAt(i);
            assertThat(r.statusCode()).as("credential %d", i).isEqualTo(401);
            assertThat(r.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
          }
          assertThat(((HttpResponse<?>) all.resultAt(6)).statusCode()).isEqualTo(200);
          ctx.completeNow();
        })));
  }

  @Test
  void theEventStreamTakesATicketOnceButNeverTheTokenItself(VertxTestContext ctx) {
    HttpClient http = engine.vertx.createHttpClient();
    token("zhou", "zhou-password")
        .compose(jwt -> stream(http, "/v1/events?access_token=" + jwt)
            .compose(refused -> client.post("/v1/auth/ws-ticket").bearerTokenAuthentication(jwt).send()
                .compose(t -> {
                  String ticket = t.bodyAsJsonObject().getString("ticket");
                  return Future.all(Future.succeededFuture(refused), Future.succeededFuture(t),
                      stream(http, "/v1/events?ticket=" + ticket)
                          .compose(first -> stream(http, "/v1/events?ticket=" + ticket)
                              .map(second -> List.of(first, second))));
                })))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          HttpClientResponse refused = all.resultAt(0);
          assertThat(refused.statusCode()).as("the token in the URL of a stream").isEqualTo(401);
          HttpResponse<Buffer> ticket = all.resultAt(1);
          assertThat(ticket.statusCode()).isEqualTo(201);
          assertThat(ticket.getHeader("Cache-Control")).isEqualTo("no-store");
          List<HttpClientResponse> uses = all.resultAt(2);
          assertThat(uses.get(0).statusCode()).isEqualTo(200);
          assertThat(uses.get(0).getHeader("Content-Type")).isEqualTo("text/event-stream");
          assertThat(uses.get(1).statusCode()).as("a ticket used again").isEqualTo(401);
          http.close();
          ctx.completeNow();
        })));
  }

  @Test
  void aTicketOfARevokedKeyOpensNothing(VertxTestContext ctx) {
    client.post("/v1/keys").bearerTokenAuthentication(ADMIN_KEY).sendJsonObject(new JsonObject().put("role", "supervisor"))
        .compose(issued -> client.post("/v1/auth/ws-ticket")
            .bearerTokenAuthentication(issued.bodyAsJsonObject().getString("key")).send()
            .compose(t -> client.delete("/v1/keys/" + issued.bodyAsJsonObject().getString("id"))
                .bearerTokenAuthentication(ADMIN_KEY).send()
                .compose(revoked -> client.get("/v1/events")
                    .addQueryParam("ticket", t.bodyAsJsonObject().getString("ticket")).send())))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertThat(r.statusCode()).isEqualTo(401);
          assertThat(r.bodyAsJsonObject().getString("detail")).contains("ticket");
          ctx.completeNow();
        })));
  }

  private Future<HttpClientResponse> stream(HttpClient http, String uri) {
    return http.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(engine.port())
            .setURI(uri))
        .compose(req -> req.send())
        .compose(r -> {
          if (r.statusCode() == 200) {
            return Future.succeededFuture(r); // a live stream: its status is what we want
          }
          return r.body().map(b -> r);
        });
  }

  @Test
  void theConsoleIsServedAtTheRootWithoutDisturbingApi404s(VertxTestContext ctx) {
    Future.all(client.get("/").send(), client.get("/js/app.js").send(), client.get("/v1/no-such-thing").send(),
            client.get("/no-such-page.html").send(), client.get("/board.html").send())
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          HttpResponse<Buffer> index = all.resultAt(0);
          assertThat(index.statusCode()).isEqualTo(200);
          assertThat(index.getHeader("Content-Type")).startsWith("text/html");
          assertThat(index.getHeader("Cache-Control")).isEqualTo("no-cache");
          assertThat(index.getHeader("Content-Security-Policy")).contains("default-src 'self'");
          assertThat(index.bodyAsString()).contains("data-testid=\"login-submit\"").contains("name=\"username\"");
          HttpResponse<Buffer> js = all.resultAt(1);
          assertThat(js.statusCode()).isEqualTo(200);
          assertThat(js.getHeader("Content-Type")).contains("javascript");
          assertThat(js.getHeader("Last-Modified")).isNotNull();
          HttpResponse<Buffer> api404 = all.resultAt(2);
          assertThat(api404.statusCode()).isEqualTo(404);
          assertThat(api404.getHeader("Content-Type")).isEqualTo("application/problem+json");
          assertThat(((HttpResponse<?>) all.resultAt(3)).statusCode()).isEqualTo(404);
          assertThat(((HttpResponse<?>) all.resultAt(4)).statusCode()).isEqualTo(200);
          ctx.completeNow();
        })));
  }

  private static JWTAuth jwt(Vertx vertx, String secret) {
    return JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret)));
  }
}

package dev.contactrouter.api;

import dev.contactrouter.RouterApp;
import dev.contactrouter.config.RouterConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * An engine in-process for tests that read best as plain blocking calls from the test thread
 * (never an event loop): a JDK HTTP client against a free loopback port.
 */
final class SyncEngine implements AutoCloseable {
  static final String TELEPHONY = TestEngine.TELEPHONY;
  static final String SUPERVISOR = TestEngine.SUPERVISOR;
  static final String ADMIN = TestEngine.ADMIN;
  static final String A1 = TestEngine.A1;
  static final String A2 = TestEngine.A2;
  /** Console users with cheaply hashed passwords (the default cost is for production, not for tests). */
  static final String USERS = "li:" + cheap("pw-li-123") + ":agent:a1,zhou:" + cheap("pw-zhou-123") + ":supervisor";

  private static String cheap(String password) {
    return dev.contactrouter.config.PasswordHash.of(password.toCharArray(), 1000).encoded();
  }

  final RouterApp app;
  final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  private SyncEngine(RouterApp app) {
    this.app = app;
  }

  static SyncEngine start(Vertx vertx, JsonObject overrides) {
    JsonObject json = new JsonObject()
        .put("ROUTER_HTTP_PORT", 0)
        .put("ROUTER_HTTP_HOST", "127.0.0.1")
        // Tests drive many requests a second through one key; SecurityTest checks the limits.
        .put("ROUTER_RATE_LIMIT_PER_SECOND", 0)
        .put("ROUTER_HTTP_INSTANCES", 1)
        .put("ROUTER_USERS", USERS)
        .put("ROUTER_API_KEYS", String.join(",",
            TELEPHONY + "=telephony", SUPERVISOR + "=supervisor", ADMIN + "=admin",
            A1 + "=agent:a1", A2 + "=agent:a2"))
        .mergeIn(overrides);
    RouterConfig config = RouterConfig.from(json);
    return new SyncEngine(await(vertx.executeBlocking(() -> config).compose(c -> RouterApp.start(vertx, c))));
  }

  @Override
  public void close() {
    await(app.stop());
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + app.httpPort() + path);
  }

  HttpResponse<String> send(String method, String path, String bearer, JsonObject body) {
    return send(method, path, bearer, body == null ? null : body.encode(), null);
  }

  HttpResponse<String> send(String method, String path, String bearer, String body, String idempotencyKey) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    if (idempotencyKey != null) {
      b.header("Idempotency-Key", idempotencyKey);
    }
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(method + " " + path + " failed: " + e, e);
    }
  }

  /** Status and content type of a streaming answer (server-sent events), without waiting for its end. */
  HttpResponse<java.io.InputStream> openStream(String path, String bearer) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET();
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (Exception e) {
      throw new IllegalStateException("GET " + path + " failed: " + e, e);
    }
  }

  /** A 2xx answer's JSON body, or an assertion error naming what came back. */
  JsonObject ok(String method, String path, String bearer, JsonObject body) {
    HttpResponse<String> r = send(method, path, bearer, body);
    if (r.statusCode() >= 300) {
      throw new AssertionError(method + " " + path + " -> " + r.statusCode() + " " + r.body());
    }
    return new JsonObject(r.body());
  }

  String signIn(String username, String password) {
    return ok("POST", "/v1/auth/login", null, new JsonObject().put("username", username).put("password", password))
        .getString("token");
  }

  /** Opens a WebSocket; returns the HTTP status of a refused upgrade, or 101 (and closes it). */
  int upgrade(String path, String bearer, String origin) {
    WebSocket.Builder b = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    if (origin != null) {
      b.header("Origin", origin);
    }
    try {
      WebSocket ws = b.buildAsync(URI.create("ws://127.0.0.1:" + app.httpPort() + path), new WebSocket.Listener() {})
          .get(10, TimeUnit.SECONDS);
      ws.sendClose(WebSocket.NORMAL_CLOSURE, "done");
      return 101;
    } catch (ExecutionException | CompletionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException h) {
        return h.getResponse().statusCode();
      }
      throw new IllegalStateException("upgrade of " + path + " failed: " + e.getCause(), e);
    } catch (Exception e) {
      throw new IllegalStateException("upgrade of " + path + " failed: " + e, e);
    }
  }

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}

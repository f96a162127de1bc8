package dev.contactrouter.testing;

import static dev.contactrouter.testing.Await.await;

import dev.contactrouter.RouterApp;
import dev.contactrouter.config.PasswordHash;
import dev.contactrouter.config.RouterConfig;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A router engine started in-process on a free loopback port, with one known key per role and two
 * console users, and clients for it in both styles tests are written in:
 *
 * <ul>
 *   <li>calls taking an {@link HttpMethod} return futures, for tests that chain steps on the event
 *       loop with a {@code VertxTestContext} (plus the agent desk fixtures and {@link #connect});
 *   <li>calls taking a method name ({@code "GET"}) block the test thread on a JDK client and
 *       return the answer; they refuse to run on an event loop.
 * </ul>
 *
 * <p>Usually started by {@link EngineExtension}; {@link #start(JsonObject)} starts one on a Vert.x
 * of its own for tests outside it (jqwik properties, fixtures shared across a class), and
 * {@link #close()} stops it, closes that Vert.x and checks {@link BlockedLoopGuard}.
 */
public final class EngineUnderTest implements AutoCloseable {
  public static final String TELEPHONY = "telephony-key-0001";
  public static final String SUPERVISOR = "supervisor-key-0001";
  public static final String ADMIN = "admin-key-00000001";
  public static final String A1 = "agent-a1-key-000001";
  public static final String A2 = "agent-a2-key-000001";
  /** A branch board's key: reads site {@code hq}'s board and nothing else. */
  public static final String BOARD_HQ = "board-hq-key-000001";
  /** A survey system's key: it may post surveys and nothing else. */
  public static final String SURVEY = "survey-key-00000001";
  /** Console users li (agent a1, password pw-li-123) and zhou (supervisor, pw-zhou-123). */
  public static final String USERS = "li:" + cheap("pw-li-123") + ":agent:a1,zhou:" + cheap("pw-zhou-123") + ":supervisor";

  public final Vertx vertx;
  public final RouterApp app;
  /** A Vert.x web client on the engine's port (for the future-returning calls). */
  public final WebClient web;
  /** A JDK client (for the blocking calls, and tests that send their own requests). */
  public final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();
  private final boolean ownsVertx;
  private final List<WebSocketClient> socketClients = new ArrayList<>();
  private Future<Void> stopped;

  private EngineUnderTest(Vertx vertx, RouterApp app, boolean ownsVertx) {
    this.vertx = vertx;
    this.app = app;
    this.ownsVertx = ownsVertx;
    this.web = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(app.httpPort()));
  }

  /** Console passwords hashed cheaply: the default cost is for production, not for tests. */
  private static String cheap(String password) {
    return PasswordHash.of(password.toCharArray(), 1000).encoded();
  }

  /**
   * What every engine under test starts with: a free loopback port, no rate limit (tests drive many
   * requests a second through one key; SecurityTest checks the limits), no refusals for a late event loop, the keys and users above,
   * and a fixed signing secret (so a durable engine may have users).
   */
  public static JsonObject defaults() {
    return new JsonObject()
        .put("ROUTER_HTTP_PORT", 0)
        .put("ROUTER_HTTP_HOST", "127.0.0.1")
        .put("ROUTER_RATE_LIMIT_PER_SECOND", 0)
        // Event loops of tests on a shared, loaded machine run late for reasons of their own: no
        // refusals for that (OverloadIT turns it on; the writer's backlog bound stays on).
        .put("ROUTER_OVERLOAD_LAG_MS", 0)
        // Nor for a journal that a loaded machine makes slow (OverloadIT turns the budget on).
        .put("ROUTER_OVERLOAD_DELAY_MS", 0)
        // Nor for intake a loaded machine answers slowly (FrontDoorTest and OverloadIT turn it on).
        .put("ROUTER_OVERLOAD_FRONT_MS", 0)
        .put("ROUTER_API_KEYS", String.join(",",
            TELEPHONY + "=telephony", SUPERVISOR + "=supervisor", ADMIN + "=admin",
            A1 + "=agent:a1", A2 + "=agent:a2", BOARD_HQ + "=board:hq", SURVEY + "=survey"))
        .put("ROUTER_USERS", USERS)
        .put("ROUTER_JWT_SECRET", "engine-under-test-signing-secret-0123456789");
  }

  /** Starts an engine on a guarded Vert.x of its own, closed with it. Blocks: call from the test thread. */
  public static EngineUnderTest start(JsonObject overrides) {
    Vertx own = TestVertx.create();
    try {
      return new EngineUnderTest(own, startApp(own, overrides), true);
    } catch (RuntimeException | Error e) {
      await("closing the Vert.x of an engine that did not start", own.close());
      throw e;
    }
  }

  /** Starts an engine on {@code vertx}, which stays open when it stops. Blocks: call from the test thread. */
  public static EngineUnderTest start(Vertx vertx, JsonObject overrides) {
    return new EngineUnderTest(vertx, startApp(vertx, overrides), false);
  }

  /** Starts an engine with exactly {@code config} on {@code vertx}, which stays open when it stops. Blocks. */
  public static EngineUnderTest start(Vertx vertx, RouterConfig config) {
    return start(vertx, config, System::currentTimeMillis);
  }

  /** The same, its writers reading time from {@code clock} (events of past months, for archiving). Blocks. */
  public static EngineUnderTest start(Vertx vertx, RouterConfig config, java.util.function.LongSupplier clock) {
    return new EngineUnderTest(vertx, await("the engine's start", RouterApp.start(vertx, config, clock),
        Duration.ofSeconds(30)), false);
  }

  private static RouterApp startApp(Vertx vertx, JsonObject overrides) {
    RouterConfig config = RouterConfig.from(defaults().mergeIn(overrides));
    return await("the engine's start", RouterApp.start(vertx, config), Duration.ofSeconds(30));
  }

  public int port() {
    return app.httpPort();
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port() + path);
  }

  /** Stops the engine and its clients (once; later calls get the same future). Leaves the Vert.x open. */
  public Future<Void> stop() {
    if (stopped == null) {
      web.close();
      List<Future<Void>> closing = new ArrayList<>();
      socketClients.forEach(c -> closing.add(c.close()));
      stopped = Future.join(closing).transform(v -> app.stop());
    }
    return stopped;
  }

  /** Stops the engine; closes its Vert.x if it has one of its own, and then checks the guard. */
  @Override
  public void close() {
    await("the engine's stop", stop(), Duration.ofSeconds(30));
    if (ownsVertx) {
      await("closing the engine's Vert.x", vertx.close(), Duration.ofSeconds(30));
      BlockedLoopGuard.verify("while an engine on port " + port() + " ran");
    }
  }

  // ------------------------------------------------------------------ future-returning calls

  public Future<HttpResponse<Buffer>> call(HttpMethod method, String path, String key, JsonObject body) {
    var request = web.request(method, path);
    if (key != null) {
      request.putHeader("Authorization", "Bearer " + key);
    }
    return body == null ? request.send() : request.sendJsonObject(body);
  }

  /** Expects a 2xx with a JSON object. */
  public Future<JsonObject> ok(HttpMethod method, String path, String key, JsonObject body) {
    return call(method, path, key, body).compose(r -> r.statusCode() < 300
        ? Future.succeededFuture(r.bodyAsJsonObject())
        : Future.failedFuture(method + " " + path + " -> " + r.statusCode() + " " + r.bodyAsString()));
  }

  /** A queue and two agents able to serve it (a1 and a2), both offline. */
  public Future<Void> stocksDesk(int offerTimeoutSeconds, int wrapUpSeconds) {
    JsonObject queue = new JsonObject().put("name", "Stocks").put("channel", "voice")
        .put("skills", new JsonObject().put("stocks", 2)).put("priority", 10)
        .put("offerTimeoutSeconds", offerTimeoutSeconds).put("wrapUpSeconds", wrapUpSeconds);
    JsonObject a1 = new JsonObject().put("name", "Li Wei")
        .put("skills", new JsonObject().put("stocks", 4).put("mandarin", 5))
        .put("licences", new JsonArray().add("practitioner")).put("site", "hq")
        .put("capacity", new JsonObject().put("voice", 1).put("chat", 3).put("branch", 1));
    JsonObject a2 = new JsonObject().put("name", "Wang Fang")
        .put("skills", new JsonObject().put("stocks", 3).put("cantonese", 5)).put("site", "hq");
    return ok(HttpMethod.PUT, "/v1/queues/stocks", ADMIN, queue)
        .compose(v -> ok(HttpMethod.PUT, "/v1/agents/a1", ADMIN, a1))
        .compose(v -> ok(HttpMethod.PUT, "/v1/agents/a2", ADMIN, a2))
        .mapEmpty();
  }

  public Future<JsonObject> status(String agentId, String key, String status) {
    return ok(HttpMethod.PUT, "/v1/agents/" + agentId + "/status", key, new JsonObject().put("status", status));
  }

  public Future<JsonObject> newContact(JsonObject extra) {
    JsonObject body = new JsonObject().put("channel", "voice").put("queue", "stocks")
        .put("customer", new JsonObject().put("id", "c-1").put("name", "Zhang Wei").put("tier", "vip").put("riskLevel", 3))
        .mergeIn(extra);
    return ok(HttpMethod.POST, "/v1/contacts", TELEPHONY, body);
  }

  /** An agent's WebSocket, opened before the agent is made available (so it hears the offer that follows). */
  public Future<AgentSocket> connectAvailable(String agentId, String key) {
    return connect(agentId, key).compose(ws -> status(agentId, key, "available").map(ws));
  }

  /** An agent's WebSocket, collecting what it receives. */
  public Future<AgentSocket> connect(String agentId, String key) {
    WebSocketConnectOptions options = new WebSocketConnectOptions()
        .setHost("127.0.0.1").setPort(port())
        .setURI("/v1/agents/" + agentId + "/ws?access_token=" + key);
    // One retry: in about one full-suite run in three a handshake was closed by the peer with no
    // log on either side (not reproduced alone; noted for follow-up). Consoles retry the same way.
    return socketClient().connect(options)
        .recover(err -> {
          if (!(err instanceof io.netty.handler.codec.http.websocketx.WebSocketHandshakeException)) {
            return Future.failedFuture(err);
          }
          // Printed so the flake stays visible in the build log while its cause is unknown.
          System.err.println("EngineUnderTest: WebSocket handshake for " + agentId + " closed (" + err.getMessage()
              + "); retrying once");
          return socketClient().connect(options);
        })
        .map(AgentSocket::new);
  }

  private WebSocketClient socketClient() {
    WebSocketClient client = vertx.createWebSocketClient();
    socketClients.add(client);
    return client;
  }

  /** Collects what an agent's socket receives and lets a test wait for a message of a type. */
  public static final class AgentSocket {
    public final WebSocket ws;
    private final Deque<JsonObject> received = new ArrayDeque<>();
    private final Deque<Waiter> waiters = new ArrayDeque<>();

    private record Waiter(Predicate<JsonObject> match, Promise<JsonObject> promise) {}

    AgentSocket(WebSocket ws) {
      this.ws = ws;
      ws.textMessageHandler(text -> {
        JsonObject msg = new JsonObject(text);
        for (Waiter w : waiters) {
          if (w.match().test(msg)) {
            waiters.remove(w);
            w.promise().complete(msg);
            return;
          }
        }
        received.add(msg);
      });
    }

    /** Messages of this type received and not yet taken by {@link #next}. */
    public List<JsonObject> received(String type) {
      return received.stream().filter(m -> type.equals(m.getString("type"))).toList();
    }

    /** The first message (already received or still to come) of this type that matches. */
    public Future<JsonObject> next(String type, Predicate<JsonObject> match) {
      Predicate<JsonObject> p = m -> type.equals(m.getString("type")) && match.test(m);
      for (JsonObject m : received) {
        if (p.test(m)) {
          received.remove(m);
          return Future.succeededFuture(m);
        }
      }
      Promise<JsonObject> promise = Promise.promise();
      waiters.add(new Waiter(p, promise));
      return promise.future();
    }

    public Future<JsonObject> next(String type) {
      return next(type, m -> true);
    }
  }

  // ------------------------------------------------------------------ blocking calls

  public java.net.http.HttpResponse<String> send(String method, String path, String bearer, JsonObject body) {
    return send(method, path, bearer, body == null ? null : body.encode(), null);
  }

  public java.net.http.HttpResponse<String> send(String method, String path, String bearer, String body,
      String idempotencyKey) {
    refuseEventLoop(method + " " + path);
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
      return sendOnFreshConnectionIfStale(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(method + " " + path + " failed: " + e, e);
    }
  }

  /**
   * The JDK client's send, once more when the pooled connection it took turned out closed before a
   * byte of the answer came ("header parser received no bytes": the connection is dropped, so the
   * second try opens another). Seen once in three full CI runs (AccessMatrixTest, a ticket asked
   * for right after a request the engine refused with 401 before reading its body): the
   * connection was closed under the client with no log on either side, like the WebSocket
   * handshakes {@link #connect} retries. Not reproduced alone (300 such pairs with bodies of 10 B
   * to 100 KB); noted for follow-up. No other failure is retried, and the second try's failure is
   * the test's.
   */
  private <T> java.net.http.HttpResponse<T> sendOnFreshConnectionIfStale(HttpRequest request,
      java.net.http.HttpResponse.BodyHandler<T> handler) throws java.io.IOException, InterruptedException {
    try {
      return http.send(request, handler);
    } catch (java.io.IOException e) {
      if (e.getMessage() == null || !e.getMessage().contains("received no bytes")) {
        throw e;
      }
      // Printed so the flake stays visible in the build log while its cause is not fixed.
      System.err.println("EngineUnderTest: " + request.method() + " " + request.uri().getPath()
          + " found its pooled connection closed (" + e.getMessage() + "); retrying once");
      return http.send(request, handler);
    }
  }

  /** Status and content type of a streaming answer (server-sent events), without waiting for its end. */
  public java.net.http.HttpResponse<InputStream> openStream(String path, String bearer) {
    refuseEventLoop("GET " + path);
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET();
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    try {
      return sendOnFreshConnectionIfStale(b.build(), java.net.http.HttpResponse.BodyHandlers.ofInputStream());
    } catch (Exception e) {
      throw new IllegalStateException("GET " + path + " failed: " + e, e);
    }
  }

  /** A 2xx answer's JSON body, or an assertion error naming what came back. */
  public JsonObject ok(String method, String path, String bearer, JsonObject body) {
    java.net.http.HttpResponse<String> r = send(method, path, bearer, body);
    if (r.statusCode() >= 300) {
      throw new AssertionError(method + " " + path + " -> " + r.statusCode() + " " + r.body());
    }
    return new JsonObject(r.body());
  }

  public String signIn(String username, String password) {
    return ok("POST", "/v1/auth/login", null, new JsonObject().put("username", username).put("password", password))
        .getString("token");
  }

  /** Opens a WebSocket; returns the HTTP status of a refused upgrade, or 101 (and closes it). */
  public int upgrade(String path, String bearer, String origin) {
    refuseEventLoop("upgrade of " + path);
    java.net.http.WebSocket.Builder b = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    if (origin != null) {
      b.header("Origin", origin);
    }
    try {
      java.net.http.WebSocket ws = b.buildAsync(URI.create("ws://127.0.0.1:" + port() + path),
              new java.net.http.WebSocket.Listener() { })
          .get(10, TimeUnit.SECONDS);
      ws.sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "done");
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

  private static void refuseEventLoop(String what) {
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException(what + " blocks; on an event loop use the calls that return futures");
    }
  }
}

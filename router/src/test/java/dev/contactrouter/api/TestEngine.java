package dev.contactrouter.api;

import dev.contactrouter.RouterApp;
import dev.contactrouter.config.RouterConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Predicate;

/** An engine started in-process on a free loopback port, with one known key per role. */
final class TestEngine {
  static final String TELEPHONY = "telephony-key-0001";
  static final String SUPERVISOR = "supervisor-key-0001";
  static final String ADMIN = "admin-key-00000001";
  static final String A1 = "agent-a1-key-000001";
  static final String A2 = "agent-a2-key-000001";

  final Vertx vertx;
  final RouterApp app;
  final WebClient http;

  private TestEngine(Vertx vertx, RouterApp app) {
    this.vertx = vertx;
    this.app = app;
    this.http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(app.httpPort()));
  }

  static Future<TestEngine> start(Vertx vertx) {
    return start(vertx, new JsonObject());
  }

  static Future<TestEngine> start(Vertx vertx, JsonObject overrides) {
    JsonObject json = new JsonObject()
        .put("ROUTER_HTTP_PORT", 0)
        .put("ROUTER_HTTP_HOST", "127.0.0.1")
        // Tests drive many requests a second through one key; SecurityTest checks the limits.
        .put("ROUTER_RATE_LIMIT_PER_SECOND", 0)
        .put("ROUTER_API_KEYS", String.join(",",
            TELEPHONY + "=telephony", SUPERVISOR + "=supervisor", ADMIN + "=admin",
            A1 + "=agent:a1", A2 + "=agent:a2"))
        .mergeIn(overrides);
    return RouterApp.start(vertx, RouterConfig.from(json)).map(app -> new TestEngine(vertx, app));
  }

  Future<Void> stop() {
    return app.stop();
  }

  Future<HttpResponse<Buffer>> call(HttpMethod method, String path, String key, JsonObject body) {
    var request = http.request(method, path);
    if (key != null) {
      request.putHeader("Authorization", "Bearer " + key);
    }
    return body == null ? request.send() : request.sendJsonObject(body);
  }

  /** Expects a 2xx with a JSON object. */
  Future<JsonObject> ok(HttpMethod method, String path, String key, JsonObject body) {
    return call(method, path, key, body).compose(r -> r.statusCode() < 300
        ? Future.succeededFuture(r.bodyAsJsonObject())
        : Future.failedFuture(method + " " + path + " -> " + r.statusCode() + " " + r.bodyAsString()));
  }

  /** A queue and two agents able to serve it (a1 and a2), both offline. */
  Future<Void> stocksDesk(int offerTimeoutSeconds, int wrapUpSeconds) {
    JsonObject queue = new JsonObject().put("name", "Stocks").put("channel", "voice")
        .put("skills", new JsonObject().put("stocks", 2)).put("priority", 10)
        .put("offerTimeoutSeconds", offerTimeoutSeconds).put("wrapUpSeconds", wrapUpSeconds);
    JsonObject a1 = new JsonObject().put("name", "Li Wei")
        .put("skills", new JsonObject().put("stocks", 4).put("mandarin", 5))
        .put("licences", new io.vertx.core.json.JsonArray().add("practitioner")).put("site", "hq")
        .put("capacity", new JsonObject().put("voice", 1).put("chat", 3).put("branch", 1));
    JsonObject a2 = new JsonObject().put("name", "Wang Fang")
        .put("skills", new JsonObject().put("stocks", 3).put("cantonese", 5)).put("site", "hq");
    return ok(HttpMethod.PUT, "/v1/queues/stocks", ADMIN, queue)
        .compose(v -> ok(HttpMethod.PUT, "/v1/agents/a1", ADMIN, a1))
        .compose(v -> ok(HttpMethod.PUT, "/v1/agents/a2", ADMIN, a2))
        .mapEmpty();
  }

  Future<JsonObject> status(String agentId, String key, String status) {
    return ok(HttpMethod.PUT, "/v1/agents/" + agentId + "/status", key, new JsonObject().put("status", status));
  }

  Future<JsonObject> newContact(JsonObject extra) {
    JsonObject body = new JsonObject().put("channel", "voice").put("queue", "stocks")
        .put("customer", new JsonObject().put("id", "c-1").put("name", "Zhang Wei").put("tier", "vip").put("riskLevel", 3))
        .mergeIn(extra);
    return ok(HttpMethod.POST, "/v1/contacts", TELEPHONY, body);
  }

  Future<AgentSocket> connect(String agentId, String key) {
    WebSocketConnectOptions options = new WebSocketConnectOptions()
        .setHost("127.0.0.1").setPort(app.httpPort())
        .setURI("/v1/agents/" + agentId + "/ws?access_token=" + key);
    // One retry: in about one full-suite run in three a handshake was closed by the peer with no
    // log on either side (not reproduced alone; noted for follow-up). Consoles retry the same way.
    return vertx.createWebSocketClient().connect(options)
        .recover(err -> {
          if (!(err instanceof io.netty.handler.codec.http.websocketx.WebSocketHandshakeException)) {
            return Future.failedFuture(err);
          }
          // Printed so the flake stays visible in the build log while its cause is unknown.
          System.err.println("TestEngine: WebSocket handshake for " + agentId + " closed (" + err.getMessage()
              + "); retrying once");
          return vertx.createWebSocketClient().connect(options);
        })
        .map(AgentSocket::new);
  }

  /** Collects what an agent's socket receives and lets a test wait for a message of a type. */
  static final class AgentSocket {
    final WebSocket ws;
    private final Deque<JsonObject> received = new ArrayDeque<>();
    private final Deque<Waiter> waiters = new ArrayDeque<>();

    private record Waiter(Predicate<JsonObject> match, io.vertx.core.Promise<JsonObject> promise) {}

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
    java.util.List<JsonObject> received(String type) {
      return received.stream().filter(m -> type.equals(m.getString("type"))).toList();
    }

    /** The first message (already received or still to come) of this type that matches. */
    Future<JsonObject> next(String type, Predicate<JsonObject> match) {
      Predicate<JsonObject> p = m -> type.equals(m.getString("type")) && match.test(m);
      for (JsonObject m : received) {
        if (p.test(m)) {
          received.remove(m);
          return Future.succeededFuture(m);
        }
      }
      io.vertx.core.Promise<JsonObject> promise = io.vertx.core.Promise.promise();
      waiters.add(new Waiter(p, promise));
      return promise.future();
    }

    Future<JsonObject> next(String type) {
      return next(type, m -> true);
    }
  }
}

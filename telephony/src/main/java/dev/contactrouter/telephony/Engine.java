package dev.contactrouter.telephony;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The engine's public API as any integrator uses it, with a {@code telephony} key: contacts in,
 * call reports, reconciliation. Every answer comes back as a {@link Reply}; a connection error or
 * timeout fails the future (the caller decides whether to try again).
 */
final class Engine {
  /** The engine's answer: its status and body ({@code application/problem+json} for errors). */
  record Reply(int status, Buffer body) {
    boolean ok() {
      return status >= 200 && status < 300;
    }

    /** Worth asking again later: the engine is overloaded or not available right now. */
    boolean transientFailure() {
      return status == 429 || status >= 500;
    }

    JsonObject json() {
      try {
        return body == null || body.length() == 0 ? new JsonObject() : body.toJsonObject();
      } catch (RuntimeException notJson) {
        return new JsonObject();
      }
    }

    /** What the engine said went wrong, for logs and SIP reason phrases. */
    String detail() {
      JsonObject json = json();
      return json.getString("detail", json.getString("title", "HTTP " + status));
    }
  }

  /** What a reconciliation found. */
  record Reconciled(List<String> ended, List<String> unknown) {
  }

  private static final long TIMEOUT_MILLIS = 10_000;

  private final WebClient http;
  private final String authorization;

  Engine(Vertx vertx, BridgeConfig config) {
    URI base = config.engine();
    boolean tls = "https".equals(base.getScheme());
    int port = base.getPort() > 0 ? base.getPort() : tls ? 443 : 80;
    this.http = WebClient.create(vertx, new WebClientOptions()
        .setDefaultHost(base.getHost()).setDefaultPort(port).setSsl(tls)
        .setConnectTimeout(2_000).setIdleTimeout(30).setKeepAlive(true)
        .setUserAgent("contact-router-telephony-bridge"), new PoolOptions().setHttp1MaxSize(32));
    this.authorization = "Bearer " + config.telephonyKey();
  }

  Future<Reply> createContact(String callId, String queue, String caller, String dialled) {
    JsonObject body = new JsonObject().put("channel", "voice").put("queue", queue).put("callId", callId);
    if (caller != null && !caller.isBlank()) {
      body.put("caller", caller);
    }
    if (dialled != null && !dialled.isBlank()) {
      body.put("dialled", dialled);
    }
    return post("/v1/contacts", body);
  }

  Future<Reply> report(Action.Report report) {
    JsonObject body = new JsonObject();
    switch (report.kind()) {
      case RINGING, ANSWERED -> body.put("offerId", report.offerId());
      case NOT_ANSWERED -> body.put("offerId", report.offerId()).put("reason", report.detail());
      case HANGUP -> body.put("by", report.detail());
    }
    return post("/v1/calls/" + URLEncoder.encode(report.callId(), StandardCharsets.UTF_8).replace("+", "%20")
        + "/" + report.kind().path, body);
  }

  Future<Reconciled> reconcile(List<String> alive) {
    return post("/v1/calls/reconcile", new JsonObject().put("alive", new JsonArray(List.copyOf(alive))))
        .compose(reply -> {
          if (!reply.ok()) {
            return Future.failedFuture("reconcile answered " + reply.status() + ": " + reply.detail());
          }
          JsonObject json = reply.json();
          return Future.succeededFuture(new Reconciled(strings(json.getJsonArray("ended")), strings(json.getJsonArray("unknown"))));
        });
  }

  void close() {
    http.close();
  }

  private Future<Reply> post(String path, JsonObject body) {
    return http.post(path)
        .putHeader("Authorization", authorization)
        .timeout(TIMEOUT_MILLIS)
        .sendJsonObject(body)
        .map(Engine::reply);
  }

  private static Reply reply(HttpResponse<Buffer> response) {
    return new Reply(response.statusCode(), response.body());
  }

  private static List<String> strings(JsonArray array) {
    return array == null ? List.of() : array.stream().map(String::valueOf).toList();
  }
}

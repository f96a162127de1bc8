package dev.contactrouter.api;

import static dev.contactrouter.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.testing.EngineExtension;
import dev.contactrouter.testing.EngineUnderTest;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SelfSignedCertificate;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Keys rotate and revoke without a restart; sockets end with their credential; floods get 429. */
class SecurityTest {
  @RegisterExtension
  static final EngineExtension engines = EngineExtension.embedded().with("ROUTER_HTTP_INSTANCES", 1).startedByTest();

  @Test
  void issuedKeysWorkAtOnceAndRevokedOnesStopAtOnceAlsoForOpenSockets() throws Exception {
    try (EngineUnderTest e = engines.start(new JsonObject())) {
      e.ok("PUT", "/v1/agents/a9", EngineUnderTest.ADMIN, new JsonObject().put("name", "Sun Qiang"));
      JsonObject issued = e.ok("POST", "/v1/keys", EngineUnderTest.ADMIN,
          new JsonObject().put("role", "agent").put("agentId", "a9").put("label", "desk 9"));
      String secret = issued.getString("key");
      assertThat(secret).isNotBlank();
      assertThat(e.send("GET", "/v1/agents/a9", secret, (JsonObject) null).statusCode()).isEqualTo(200);
      assertThat(e.send("GET", "/v1/keys", EngineUnderTest.ADMIN, (JsonObject) null).body())
          .contains(issued.getString("id")).doesNotContain(secret);

      EventStreamClients.EventSocket socket = EventStreamClients.EventSocket.open(e, "/v1/agents/a9/ws", secret);
      assertThat(e.send("DELETE", "/v1/keys/" + issued.getString("id"), EngineUnderTest.ADMIN, (JsonObject) null)
          .statusCode()).isEqualTo(200);
      assertThat(e.send("GET", "/v1/agents/a9", secret, (JsonObject) null).statusCode()).isEqualTo(401);
      assertThat(socket.closedWith.get(10, TimeUnit.SECONDS)).isEqualTo((int) OpenSockets.CREDENTIAL_ENDED);
    }
  }

  @Test
  void aConfiguredKeyRotatesWithAGracePeriodAndIsThenRefused() {
    try (EngineUnderTest e = engines.start(new JsonObject())) {
      String telephonyId = KeyRing.keyId(KeyRing.digest(EngineUnderTest.TELEPHONY));
      JsonObject rotated = e.ok("POST", "/v1/keys/" + telephonyId + "/rotate", EngineUnderTest.ADMIN,
          new JsonObject().put("graceSeconds", 3600));
      assertThat(rotated.getString("replaces")).isEqualTo(telephonyId);
      assertThat(rotated.getString("role")).isEqualTo("telephony");
      // both work during the grace period (422: accepted as a caller, refused for the unknown queue)
      JsonObject contact = new JsonObject().put("channel", "voice").put("queue", "x");
      assertThat(e.send("POST", "/v1/contacts", rotated.getString("key"), contact).statusCode()).isEqualTo(422);
      assertThat(e.send("POST", "/v1/contacts", EngineUnderTest.TELEPHONY, contact).statusCode()).isEqualTo(422);
      assertThat(e.send("DELETE", "/v1/keys/" + telephonyId, EngineUnderTest.ADMIN, (JsonObject) null).statusCode())
          .isEqualTo(200);
      assertThat(e.send("POST", "/v1/contacts", EngineUnderTest.TELEPHONY, contact).statusCode()).isEqualTo(401);
      assertThat(e.send("POST", "/v1/contacts", rotated.getString("key"), contact).statusCode()).isEqualTo(422);
      assertThat(e.send("GET", "/v1/keys/0123456789abcdef/rotate", EngineUnderTest.ADMIN, (JsonObject) null).statusCode())
          .isEqualTo(405);
      assertThat(e.send("DELETE", "/v1/keys/0123456789abcdef", EngineUnderTest.ADMIN, (JsonObject) null).statusCode())
          .isEqualTo(404);
    }
  }

  @Test
  void aSignInTokensSocketClosesWhenTheTokenExpires() throws Exception {
    try (EngineUnderTest e = engines.start(new JsonObject().put("ROUTER_JWT_TTL_SECONDS", 5))) {
      e.ok("PUT", "/v1/agents/a1", EngineUnderTest.ADMIN, new JsonObject().put("name", "Li Wei"));
      String token = e.signIn("li", "pw-li-123");
      EventStreamClients.EventSocket socket = EventStreamClients.EventSocket.open(e, "/v1/agents/a1/ws", token);
      assertThat(socket.closedWith.get(15, TimeUnit.SECONDS)).isEqualTo((int) OpenSockets.CREDENTIAL_ENDED);
      assertThat(e.send("GET", "/v1/agents/a1", token, (JsonObject) null).statusCode()).isEqualTo(401);
    }
  }

  @Test
  void aFloodingCallerGets429WithRetryAfterAndOthersAreUnaffected() {
    JsonObject limits = new JsonObject().put("ROUTER_RATE_LIMIT_PER_SECOND", 2).put("ROUTER_RATE_LIMIT_BURST", 5);
    try (EngineUnderTest e = engines.start(limits)) {
      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        statuses.add(e.send("GET", "/v1/queues", EngineUnderTest.SUPERVISOR, (JsonObject) null).statusCode());
      }
      assertThat(statuses).contains(200, 429);
      HttpResponse<String> limited = e.send("GET", "/v1/queues", EngineUnderTest.SUPERVISOR, (JsonObject) null);
      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isPositive());
      assertThat(limited.headers().firstValue("Content-Type")).contains("application/problem+json");
      assertThat(e.send("GET", "/v1/queues", EngineUnderTest.ADMIN, (JsonObject) null).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void browserSocketsFromForeignOriginsAreRefused() {
    try (EngineUnderTest e = engines.start(new JsonObject())) {
      e.ok("PUT", "/v1/agents/a1", EngineUnderTest.ADMIN, new JsonObject().put("name", "Li Wei"));
      String own = "http://127.0.0.1:" + e.app.httpPort();
      assertThat(e.upgrade("/v1/agents/a1/ws", EngineUnderTest.A1, "https://evil.example")).isEqualTo(403);
      assertThat(e.upgrade("/v1/agents/a1/ws", EngineUnderTest.A1, own)).isEqualTo(101);
      assertThat(e.upgrade("/v1/agents/a1/ws", EngineUnderTest.A1, null)).as("not a browser").isEqualTo(101);
    }
    JsonObject allowed = new JsonObject().put("ROUTER_ALLOWED_ORIGINS", "https://console.example.com");
    try (EngineUnderTest e = engines.start(allowed)) {
      e.ok("PUT", "/v1/agents/a1", EngineUnderTest.ADMIN, new JsonObject().put("name", "Li Wei"));
      assertThat(e.upgrade("/v1/agents/a1/ws", EngineUnderTest.A1, "https://console.example.com")).isEqualTo(101);
      assertThat(e.upgrade("/v1/agents/a1/ws", EngineUnderTest.A1, "https://evil.example")).isEqualTo(403);
    }
  }

  @Test
  void oversizedHeadersAndLinesGetProblemAnswers() throws Exception {
    try (EngineUnderTest e = engines.start(new JsonObject())) {
      String big = raw(e, "GET /v1/queues HTTP/1.1\r\nHost: x\r\nX-Padding: " + "x".repeat(20_000) + "\r\n\r\n");
      assertThat(big).startsWith("HTTP/1.1 431").contains("application/problem+json").contains("\"status\":431");
      String longLine = raw(e, "GET /v1/queues?q=" + "y".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(longLine).contains(" 414 ").contains("application/problem+json");
      String garbage = raw(e, "\u0001\u0002 nonsense\r\n\r\n");
      assertThat(garbage).contains(" 400 ");
    }
  }

  /** Writes a raw request and reads whatever the server answers before it closes. */
  private static String raw(EngineUnderTest e, String request) throws Exception {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", e.app.httpPort())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
    }
  }

  @Test
  void tlsServesHttpsAndSecureSockets() {
    SelfSignedCertificate cert = SelfSignedCertificate.create("localhost");
    JsonObject tls = new JsonObject()
        .put("ROUTER_TLS_CERT", cert.certificatePath())
        .put("ROUTER_TLS_KEY", cert.privateKeyPath());
    try (EngineUnderTest e = engines.start(tls)) {
      io.vertx.ext.web.client.WebClient https = io.vertx.ext.web.client.WebClient.create(e.vertx,
          new io.vertx.ext.web.client.WebClientOptions().setSsl(true).setTrustAll(true).setVerifyHost(false));
      int port = e.app.httpPort();
      assertThat(await(https.get(port, "127.0.0.1", "/health").send()).statusCode()).isEqualTo(200);
      assertThat(await(https.get(port, "127.0.0.1", "/v1/queues")
          .putHeader("Authorization", "Bearer " + EngineUnderTest.SUPERVISOR).send()).statusCode()).isEqualTo(200);
      io.vertx.core.http.WebSocket ws = await(e.vertx.createWebSocketClient(
              new io.vertx.core.http.WebSocketClientOptions().setSsl(true).setTrustAll(true).setVerifyHost(false))
          .connect(new io.vertx.core.http.WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
              .setURI("/v1/events").addHeader("Authorization", "Bearer " + EngineUnderTest.TELEPHONY)));
      await(ws.close());
    }
  }
}

package dev.contactrouter.api;

import static dev.contactrouter.api.EventStreamClients.type;
import static dev.contactrouter.testing.EngineUnderTest.ADMIN;
import static dev.contactrouter.testing.EngineUnderTest.SUPERVISOR;
import static dev.contactrouter.testing.EngineUnderTest.TELEPHONY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.api.EventStreamClients.EventSocket;
import dev.contactrouter.api.EventStreamClients.EventSource;
import dev.contactrouter.testing.EngineExtension;
import dev.contactrouter.testing.EngineUnderTest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The event stream as a switch relies on it: kept alive on a quiet centre past the server's idle
 * timeout (made short here), resumed without a gap, and strict about what it is asked for.
 */
@Timeout(60)
class EventStreamApiTest {
  private static final int IDLE_SECONDS = 2;

  @RegisterExtension
  static final EngineExtension engines = EngineExtension.embedded()
      .with("ROUTER_IDLE_TIMEOUT_SECONDS", IDLE_SECONDS)
      .with("ROUTER_PING_SECONDS", 1);

  /** Long enough for the idle timeout to close a silent connection twice over. */
  private static void stayQuiet() throws InterruptedException {
    Thread.sleep(IDLE_SECONDS * 2_500L);
  }

  @Test
  void aQuietWebSocketIsPingedAndOutlivesTheIdleTimeout(EngineUnderTest e) throws Exception {
    try (EventSocket ws = EventSocket.open(e, "/v1/events", TELEPHONY)) {
      stayQuiet();
      assertThat(ws.closedWith.getNow(null)).as("close code while idle").isNull();
      assertThat(ws.open()).isTrue();
      assertThat(ws.pings.get()).isPositive();
      e.ok("PUT", "/v1/queues/quiet", ADMIN, new JsonObject().put("name", "Quiet"));
      assertThat(type(ws.nextText())).isEqualTo("queue_configured");
    }
  }

  @Test
  void aQuietServerSentStreamGetsHeartbeatsAndOutlivesTheIdleTimeout(EngineUnderTest e) throws Exception {
    try (EventSource sse = new EventSource(e.openStream("/v1/events", SUPERVISOR))) {
      assertThat(sse.next(": ")).isEqualTo("connected");
      stayQuiet();
      assertThat(sse.ended).isNotDone();
      assertThat(sse.next(": ")).isEqualTo("keep-alive");
      e.ok("PUT", "/v1/queues/quiet", ADMIN, new JsonObject().put("name", "Quiet"));
      assertThat(type(sse.next("data: "))).isEqualTo("queue_configured");
    }
  }

  @Test
  void aQuietAgentSocketOutlivesTheIdleTimeoutToo(EngineUnderTest e) throws Exception {
    e.ok("PUT", "/v1/agents/a1", ADMIN, new JsonObject().put("name", "Li Wei"));
    try (EventSocket ws = EventSocket.open(e, "/v1/agents/a1/ws", EngineUnderTest.A1)) {
      assertThat(type(ws.nextText())).isEqualTo("state");
      stayQuiet();
      assertThat(ws.closedWith.getNow(null)).as("close code while idle").isNull();
      assertThat(ws.pings.get()).isPositive();
    }
  }
}

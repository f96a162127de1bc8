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
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

  /** Reads events until the scenario's marker, bounded by {@code most}. */
  private static List<String> untilMarker(Reader next, int most) throws InterruptedException {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < most; i++) {
      String json = next.read();
      out.add(json);
      if (EventScenario.isMarker(json)) {
        return out;
      }
    }
    throw new AssertionError("no marker in " + most + " events: " + out);
  }

  private interface Reader {
    String read() throws InterruptedException;
  }

  @Test
  void aResumedStreamSendsWhatTheLiveOneSentByteForByteOnBothTransports(EngineUnderTest e) throws Exception {
    List<String> live;
    long before;
    try (EventSocket ws = EventSocket.open(e, "/v1/events", TELEPHONY)) {
      e.ok("PUT", "/v1/queues/before", ADMIN, new JsonObject().put("name", "Before"));
      before = new JsonObject(ws.nextText()).getLong("seq");
      EventScenario.run(e);
      // position_changed is not journaled, so never resumed: the journaled events are compared.
      live = untilMarker(ws::nextText, 200).stream().filter(j -> !type(j).equals("position_changed")).toList();
    }
    assertThat(live).extracting(EventStreamClients::type).contains(
        "contact_queued", "offer_made", "offer_revoked", "contact_transferred", "offer_accepted",
        "contact_completed", "offer_rejected", "contact_abandoned", "agent_status_changed");
    JsonObject accepted = live.stream().map(JsonObject::new)
        .filter(j -> j.getString("type").equals("offer_accepted")).findFirst().orElseThrow();
    assertThat(accepted.getString("queue")).isEqualTo("general");
    assertThat(accepted.getString("externalId")).isEqualTo("pbx-call-1");
    JsonObject revoked = live.stream().map(JsonObject::new)
        .filter(j -> j.getString("type").equals("offer_revoked")).findFirst().orElseThrow();
    assertThat(revoked.getString("queue")).as("revoked in the queue it rang from").isEqualTo("stocks");

    // Live traffic after the scenario must not disturb the resumed copies.
    e.ok("PUT", "/v1/queues/after", ADMIN, new JsonObject().put("name", "After"));
    try (EventSocket ws = EventSocket.open(e, "/v1/events?after=default:" + before, TELEPHONY)) {
      assertThat(untilMarker(ws::nextText, 200)).containsExactlyElementsOf(live);
      assertThat(new JsonObject(ws.nextText()).getJsonObject("queue").getString("id")).isEqualTo("after");
    }
    HttpRequest resume = HttpRequest.newBuilder(e.uri("/v1/events")).timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer " + SUPERVISOR).header("Last-Event-ID", "default:" + before).GET().build();
    try (EventSource sse = new EventSource(e.http.send(resume, HttpResponse.BodyHandlers.ofInputStream()))) {
      assertThat(untilMarker(() -> sse.next("data: "), 200)).containsExactlyElementsOf(live);
      assertThat(type(sse.next("data: "))).isEqualTo("queue_configured");
    }
    // A filtered resume sends the same events of the asked types.
    try (EventSocket ws = EventSocket.open(e, "/v1/events?types=offer_accepted,contact_completed&after=default:"
        + before, TELEPHONY)) {
      List<String> wanted = live.stream().filter(j -> List.of("offer_accepted", "contact_completed").contains(type(j)))
          .toList();
      assertThat(ws.nextTexts(wanted.size())).containsExactlyElementsOf(wanted);
    }
  }

  @Test
  void unknownTypesAndMalformedEventIdsAreRefusedNamingThem(EngineUnderTest e) throws Exception {
    HttpResponse<String> typo = e.send("GET", "/v1/events?types=offer_accepted,offer_acepted", SUPERVISOR,
        (JsonObject) null);
    assertThat(typo.statusCode()).isEqualTo(400);
    assertThat(typo.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(new JsonObject(typo.body()).getString("detail")).contains("'offer_acepted'")
        .doesNotContain("'offer_accepted'");

    for (String id : List.of("garbage", "default:", "default:-1", "default:12x", ":5", "default:99999999999999999999")) {
      HttpRequest request = HttpRequest.newBuilder(e.uri("/v1/events")).timeout(Duration.ofSeconds(10))
          .header("Authorization", "Bearer " + SUPERVISOR).header("Last-Event-ID", id).GET().build();
      HttpResponse<String> r = e.http.send(request, HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(id).isEqualTo(400);
      assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(new JsonObject(r.body()).getString("detail")).as(id).contains("Last-Event-ID '" + id + "'");
    }
    HttpResponse<String> other = e.send("GET", "/v1/events?after=branch-sz:3", SUPERVISOR, (JsonObject) null);
    assertThat(other.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(other.body()).getString("detail")).contains("'branch-sz'");
    // The WebSocket form refuses the upgrade the same way.
    assertThat(e.upgrade("/v1/events?after=garbage", TELEPHONY, null)).isEqualTo(400);
    assertThat(e.upgrade("/v1/events?types=offer_acepted", TELEPHONY, null)).isEqualTo(400);
    assertThat(e.upgrade("/v1/events?types=offer_accepted&after=default:0", TELEPHONY, null)).isEqualTo(101);
  }
}

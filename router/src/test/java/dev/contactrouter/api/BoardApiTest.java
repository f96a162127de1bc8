package dev.contactrouter.api;

import static dev.contactrouter.testing.EngineUnderTest.A1;
import static dev.contactrouter.testing.EngineUnderTest.A2;
import static dev.contactrouter.testing.EngineUnderTest.ADMIN;
import static dev.contactrouter.testing.EngineUnderTest.BOARD_HQ;
import static dev.contactrouter.testing.EngineUnderTest.SUPERVISOR;
import static dev.contactrouter.testing.EngineUnderTest.TELEPHONY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.api.EventStreamClients.EventSource;
import dev.contactrouter.testing.EngineExtension;
import dev.contactrouter.testing.EngineUnderTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The branch board through the API: what a site's board shows as tickets are called, served,
 * abandoned and transferred; that a board key reads its own site's board and nothing else; that the
 * board never names an agent; and that its stream starts with the whole board on every
 * (re)connection and follows each change.
 */
@Timeout(60)
class BoardApiTest {
  @RegisterExtension
  static final EngineExtension engines = EngineExtension.embedded();

  private EngineUnderTest e;

  @BeforeEach
  void branch() {
    e = engines.engine();
    e.ok("PUT", "/v1/queues/counter", ADMIN, new JsonObject().put("name", "Accounts").put("channel", "branch")
        .put("site", "hq").put("wrapUpSeconds", 0).put("offerTimeoutSeconds", 300));
    e.ok("PUT", "/v1/queues/wealth", ADMIN, new JsonObject().put("name", "Wealth desk").put("channel", "branch")
        .put("site", "hq").put("skills", new JsonObject().put("wealth", 3)));
    e.ok("PUT", "/v1/queues/sz-counter", ADMIN, new JsonObject().put("name", "Futian").put("channel", "branch")
        .put("site", "sz"));
    e.ok("PUT", "/v1/queues/chat", ADMIN, new JsonObject().put("name", "Chat").put("channel", "chat"));
    e.ok("PUT", "/v1/agents/a1", ADMIN, agent("Zhang Wei").put("counter", "Counter 3"));
    e.ok("PUT", "/v1/agents/a2", ADMIN, agent("Wang Fang").put("counter", "5号窗口"));
  }

  private static JsonObject agent(String name) {
    return new JsonObject().put("name", name).put("site", "hq")
        .put("capacity", new JsonObject().put("branch", 1).put("voice", 0).put("chat", 0).put("email", 0).put("callback", 0));
  }

  @Test
  void aTicketShowsAtItsCounterWhileServedAndLeavesWhenCompleted() {
    JsonObject ticket = ticket("A017");
    JsonObject board = board(BOARD_HQ);
    assertThat(board.getString("site")).isEqualTo("hq");
    assertThat(board.getJsonArray("serving")).isEmpty();
    assertThat(waiting(board, "counter").getInteger("count")).isEqualTo(1);
    assertThat(waiting(board, "counter").getJsonArray("next")).containsExactly("A017");
    assertThat(waiting(board, "wealth").getInteger("count")).isZero();
    assertThat(queues(board)).as("branch queues of site hq only").containsExactly("counter", "wealth");

    // Offered is still waiting (the customer is not called until the agent accepts).
    JsonObject offer = available("a1", A1);
    assertThat(board(BOARD_HQ).getJsonArray("serving")).isEmpty();
    e.ok("POST", "/v1/offers/" + offer.getString("offerId") + "/accept", A1, null);

    board = board(BOARD_HQ);
    assertThat(board.getJsonArray("serving")).hasSize(1);
    JsonObject serving = board.getJsonArray("serving").getJsonObject(0);
    assertThat(serving.getString("ticket")).isEqualTo("A017");
    assertThat(serving.getString("counter")).isEqualTo("Counter 3");
    assertThat(serving.getString("queue")).isEqualTo("counter");
    assertThat(serving.fieldNames()).containsExactlyInAnyOrder("ticket", "counter", "queue", "since");
    assertThat(waiting(board, "counter").getInteger("count")).isZero();
    assertNamesNoAgent(board);
    JsonObject supervised = board(SUPERVISOR);
    assertThat(supervised.getJsonArray("serving")).as("a supervisor reads the same board").isEqualTo(board.getJsonArray("serving"));
    assertThat(supervised.getJsonArray("waiting")).isEqualTo(board.getJsonArray("waiting"));

    e.ok("POST", "/v1/contacts/" + ticket.getString("id") + "/complete", A1,
        new JsonObject().put("disposition", "resolved"));
    assertThat(board(BOARD_HQ).getJsonArray("serving")).isEmpty();
  }

  @Test
  void anAbandonedTicketLeavesTheQueueAndATransferredOneLeavesItsCounter() {
    JsonObject gone = ticket("A018");
    JsonObject next = ticket("A019");
    assertThat(waiting(board(BOARD_HQ), "counter").getJsonArray("next")).containsExactly("A018", "A019");
    e.ok("POST", "/v1/contacts/" + gone.getString("id") + "/abandon", TELEPHONY, null);
    assertThat(waiting(board(BOARD_HQ), "counter").getJsonArray("next")).containsExactly("A019");

    JsonObject offer = available("a2", A2);
    assertThat(offer.getString("contactId")).isEqualTo(next.getString("id"));
    e.ok("POST", "/v1/offers/" + offer.getString("offerId") + "/accept", A2, null);
    assertThat(board(BOARD_HQ).getJsonArray("serving").getJsonObject(0).getString("counter")).isEqualTo("5号窗口");

    e.ok("POST", "/v1/contacts/" + next.getString("id") + "/transfer", A2, new JsonObject().put("queue", "wealth"));
    JsonObject board = board(BOARD_HQ);
    assertThat(board.getJsonArray("serving")).isEmpty();
    assertThat(waiting(board, "wealth").getJsonArray("next")).containsExactly("A019");
    assertThat(waiting(board, "counter").getInteger("count")).isZero();
  }

  @Test
  void theMostRecentlyCalledTicketComesFirstAndAnAgentWithoutALabelIsNotNamed() {
    e.ok("PUT", "/v1/agents/a2", ADMIN, agent("Wang Fang"));
    call("B001", "a1", A1);
    call("B002", "a2", A2);
    JsonObject board = board(BOARD_HQ);
    assertThat(board.getJsonArray("serving")).extracting(o -> ((JsonObject) o).getString("ticket"))
        .containsExactly("B002", "B001");
    JsonObject unlabelled = board.getJsonArray("serving").getJsonObject(0);
    assertThat(unlabelled.containsKey("counter")).isFalse();
    assertNamesNoAgent(board);
    assertThat(e.ok("GET", "/v1/agents/a1", ADMIN, null).getString("counter")).isEqualTo("Counter 3");
    assertThat(e.ok("GET", "/v1/agents/a2", ADMIN, null).containsKey("counter")).isFalse();
  }

  @Test
  void aBoardKeyReadsItsOwnSiteAndNothingElse() {
    assertThat(e.send("GET", "/v1/boards/hq", BOARD_HQ, (JsonObject) null).statusCode()).isEqualTo(200);
    for (String path : List.of("/v1/boards/sz", "/v1/boards/sz/stream", "/v1/queues", "/v1/agents/a1",
        "/v1/events", "/v1/queues/counter/contacts", "/v1/keys")) {
      HttpResponse<String> r = e.send("GET", path, BOARD_HQ, (JsonObject) null);
      assertThat(r.statusCode()).as("GET %s with a board key: %s", path, r.body()).isEqualTo(403);
      assertThat(r.headers().firstValue("Content-Type")).contains("application/problem+json");
    }
    assertThat(e.send("GET", "/v1/boards/sz", BOARD_HQ, (JsonObject) null).body()).contains("site hq only");
    HttpResponse<String> intake = e.send("POST", "/v1/contacts", BOARD_HQ,
        new JsonObject().put("channel", "branch").put("queue", "counter").put("externalId", "X1"));
    assertThat(intake.statusCode()).isEqualTo(403);
    // Supervisors read any site's board; a site without branch queues is empty, not missing.
    JsonObject sz = board(SUPERVISOR, "sz");
    assertThat(queues(sz)).containsExactly("sz-counter");
    assertThat(board(SUPERVISOR, "nowhere").getJsonArray("waiting")).isEmpty();
  }

  @Test
  void aCounterLabelIsShortAndOnOneLine() {
    for (String bad : List.of("", " Counter 3", "Counter 3 ", "Counter\n3", "Counter\t3", "x".repeat(25))) {
      HttpResponse<String> r = e.send("PUT", "/v1/agents/a1", ADMIN, agent("Zhang Wei").put("counter", bad));
      assertThat(r.statusCode()).as("counter '%s': %s", bad, r.body()).isEqualTo(400);
      assertThat(r.body()).contains("/counter");
    }
    e.ok("PUT", "/v1/agents/a1", ADMIN, agent("Zhang Wei").put("counter", "VIP · 8"));
    assertThat(e.ok("GET", "/v1/agents/a1", A1, null).getString("counter")).isEqualTo("VIP · 8");
  }

  @Test
  void theStreamStartsWithTheWholeBoardOnEveryConnectionAndFollowsEachChange() throws Exception {
    ticket("C001");
    try (EventSource sse = new EventSource(e.openStream("/v1/boards/hq/stream", BOARD_HQ))) {
      JsonObject first = new JsonObject(sse.next("data: "));
      assertThat(waiting(first, "counter").getJsonArray("next")).containsExactly("C001");
      JsonObject offer = available("a1", A1);
      e.ok("POST", "/v1/offers/" + offer.getString("offerId") + "/accept", A1, null);
      JsonObject called = nextWith(sse, b -> !b.getJsonArray("serving").isEmpty());
      assertThat(called.getJsonArray("serving").getJsonObject(0).getString("ticket")).isEqualTo("C001");
      assertNamesNoAgent(called);
      // Events of other sites and channels send nothing new; the next message is the next change.
      e.ok("POST", "/v1/contacts", TELEPHONY, new JsonObject().put("channel", "chat").put("queue", "chat"));
      ticket("C002");
      JsonObject more = nextWith(sse, b -> true);
      assertThat(waiting(more, "counter").getJsonArray("next")).containsExactly("C002");
    }
    // A display that reconnects (with a single-use ticket, as a browser does) starts from the board as it is.
    String ticket = e.ok("POST", "/v1/auth/ws-ticket", BOARD_HQ, null).getString("ticket");
    try (EventSource again = new EventSource(e.openStream("/v1/boards/hq/stream?ticket=" + ticket, null))) {
      JsonObject resumed = new JsonObject(again.next("data: "));
      JsonObject now = board(BOARD_HQ);
      assertThat(resumed.getJsonArray("serving")).isEqualTo(now.getJsonArray("serving"));
      assertThat(resumed.getJsonArray("waiting")).isEqualTo(now.getJsonArray("waiting"));
      assertThat(resumed.getJsonArray("serving").getJsonObject(0).getString("ticket")).isEqualTo("C001");
    }
  }

  private static JsonObject nextWith(EventSource sse, java.util.function.Predicate<JsonObject> wanted)
      throws InterruptedException {
    for (int i = 0; i < 20; i++) {
      JsonObject board = new JsonObject(sse.next("data: "));
      if (wanted.test(board)) {
        return board;
      }
    }
    throw new AssertionError("no such board in 20 messages");
  }

  private JsonObject ticket(String number) {
    return e.ok("POST", "/v1/contacts", TELEPHONY, new JsonObject().put("channel", "branch").put("queue", "counter")
        .put("externalId", number).put("customer", new JsonObject().put("name", "Zhao Min")));
  }

  /** The agent goes available and gets the first waiting ticket's offer. */
  private JsonObject available(String agentId, String key) {
    e.ok("PUT", "/v1/agents/" + agentId + "/status", key, new JsonObject().put("status", "available"));
    JsonArray offers = e.ok("GET", "/v1/agents/" + agentId, key, null).getJsonArray("offers");
    assertThat(offers).as("offers of %s", agentId).hasSize(1);
    return offers.getJsonObject(0);
  }

  private void call(String number, String agentId, String key) {
    ticket(number);
    JsonObject offer = available(agentId, key);
    e.ok("POST", "/v1/offers/" + offer.getString("offerId") + "/accept", key, null);
  }

  private JsonObject board(String key) {
    return board(key, "hq");
  }

  private JsonObject board(String key, String site) {
    return e.ok("GET", "/v1/boards/" + site, key, null);
  }

  private static JsonObject waiting(JsonObject board, String queue) {
    for (Object o : board.getJsonArray("waiting")) {
      if (queue.equals(((JsonObject) o).getString("queue"))) {
        return (JsonObject) o;
      }
    }
    throw new AssertionError("no queue " + queue + " on " + board.encode());
  }

  private static List<String> queues(JsonObject board) {
    List<String> out = new ArrayList<>();
    board.getJsonArray("waiting").forEach(o -> out.add(((JsonObject) o).getString("queue")));
    return out;
  }

  /** No value anywhere in the board is an agent's id or name. */
  private static void assertNamesNoAgent(JsonObject board) {
    List<String> values = new ArrayList<>();
    strings(board, values);
    assertThat(values).doesNotContain("a1", "a2", "Zhang Wei", "Wang Fang");
    assertThat(board.encode()).doesNotContain("agent");
  }

  private static void strings(Object json, List<String> out) {
    if (json instanceof JsonObject o) {
      o.forEach(entry -> strings(entry.getValue(), out));
    } else if (json instanceof JsonArray a) {
      a.forEach(v -> strings(v, out));
    } else if (json instanceof String s) {
      out.add(s);
    }
  }
}

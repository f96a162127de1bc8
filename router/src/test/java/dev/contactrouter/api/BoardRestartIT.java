package dev.contactrouter.api;

import static dev.contactrouter.testing.EngineUnderTest.A1;
import static dev.contactrouter.testing.EngineUnderTest.ADMIN;
import static dev.contactrouter.testing.EngineUnderTest.BOARD_HQ;
import static dev.contactrouter.testing.EngineUnderTest.TELEPHONY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.api.EventStreamClients.EventSource;
import dev.contactrouter.testing.EngineExtension;
import dev.contactrouter.testing.EngineUnderTest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The board is the engine's, not the display's: after the engine restarts on its PostgreSQL
 * journal, the board (and the first message of its stream) is what it was before, rebuilt from
 * the journal like every other read.
 */
@Timeout(90)
class BoardRestartIT {
  @RegisterExtension
  static final EngineExtension engines = EngineExtension.onPostgres().startedByTest();

  @Test
  void aRestartedEngineShowsTheSameBoard() throws Exception {
    JsonObject before;
    try (EngineUnderTest e = engines.start(new JsonObject())) {
      e.ok("PUT", "/v1/queues/counter", ADMIN, new JsonObject().put("name", "Accounts").put("channel", "branch")
          .put("site", "hq").put("offerTimeoutSeconds", 300));
      e.ok("PUT", "/v1/agents/a1", ADMIN, new JsonObject().put("name", "Zhang Wei").put("site", "hq")
          .put("counter", "Counter 3").put("capacity", new JsonObject().put("branch", 1).put("chat", 0).put("voice", 0)));
      for (String ticket : new String[] {"D001", "D002", "D003"}) {
        e.ok("POST", "/v1/contacts", TELEPHONY, new JsonObject().put("channel", "branch").put("queue", "counter")
            .put("externalId", ticket));
      }
      e.ok("PUT", "/v1/agents/a1/status", A1, new JsonObject().put("status", "available"));
      String offer = e.ok("GET", "/v1/agents/a1", A1, null).getJsonArray("offers").getJsonObject(0).getString("offerId");
      e.ok("POST", "/v1/offers/" + offer + "/accept", A1, null);
      before = e.ok("GET", "/v1/boards/hq", BOARD_HQ, null);
      assertThat(before.getJsonArray("serving").getJsonObject(0).getString("ticket")).isEqualTo("D001");
      assertThat(before.getJsonArray("serving").getJsonObject(0).getString("counter")).isEqualTo("Counter 3");
      assertThat(before.getJsonArray("waiting").getJsonObject(0).getJsonArray("next")).containsExactly("D002", "D003");
    }
    try (EngineUnderTest again = engines.start(new JsonObject())) {
      JsonObject after = again.ok("GET", "/v1/boards/hq", BOARD_HQ, null);
      assertThat(after.getJsonArray("serving")).isEqualTo(before.getJsonArray("serving"));
      assertThat(after.getJsonArray("waiting")).isEqualTo(before.getJsonArray("waiting"));
      try (EventSource sse = new EventSource(again.openStream("/v1/boards/hq/stream", BOARD_HQ))) {
        JsonObject first = new JsonObject(sse.next("data: "));
        assertThat(first.getJsonArray("serving")).isEqualTo(before.getJsonArray("serving"));
        assertThat(first.getJsonArray("waiting")).isEqualTo(before.getJsonArray("waiting"));
      }
    }
  }
}

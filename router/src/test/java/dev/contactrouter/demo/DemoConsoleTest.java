package dev.contactrouter.demo;

import static dev.contactrouter.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.RouterApp;
import dev.contactrouter.config.RouterConfig;
import dev.contactrouter.testing.EngineUnderTest;
import dev.contactrouter.testing.EngineUnderTest.AgentSocket;
import dev.contactrouter.testing.TestVertx;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A person can drive a demo agent: while its console is open the demo's robot leaves that agent's
 * offers and contacts alone, and takes the agent back when the console closes.
 */
@Timeout(150)
class DemoConsoleTest {
  private Vertx vertx;
  private EngineUnderTest engine;

  @AfterEach
  void stop() {
    if (engine != null) {
      engine.close();
    }
    if (vertx != null) {
      await("closing Vert.x", vertx.close());
    }
  }

  @Test
  void theRobotStepsBackWhileAPersonHasTheAgentsConsoleOpen() throws Exception {
    vertx = TestVertx.create();
    // Busy traffic, so an offer reaches a1 within seconds; the test's keys plus the demo's own.
    RouterConfig config = RouterApp.withGeneratedKeys(RouterConfig.from(EngineUnderTest.defaults()
        .put("ROUTER_DEMO", true).put("ROUTER_DEMO_RATE", 4)), new ArrayList<>());
    engine = EngineUnderTest.start(vertx, config);

    AgentSocket person = await("a1's console", engine.connect("a1", EngineUnderTest.A1));
    await("the robot and the person both counted", person.next("consoles", m -> m.getInteger("open") >= 2),
        Duration.ofSeconds(20));
    await("a1 available", engine.status("a1", EngineUnderTest.A1, "available"));

    // The robot accepts within 3 s of an offer; the person waits longer, then takes it themself.
    // The demo's callers hang up at random, so an offer may end before the person takes it: the
    // next one will do (a bounded number of tries).
    JsonObject offer = null;
    for (int tries = 0; offer == null && tries < 8; tries++) {
      JsonObject offered = await("an offer to a1", person.next("offer"), Duration.ofSeconds(60));
      Thread.sleep(4_000);
      var accepted = await("the person's accept", engine.call(HttpMethod.POST,
          "/v1/offers/" + offered.getString("offerId") + "/accept", EngineUnderTest.A1, null));
      if (accepted.statusCode() < 300) {
        offer = offered;
      } else {
        assertThat(accepted.bodyAsString()).as("the offer was left to the person").contains("abandoned");
      }
    }
    assertThat(offer).as("an offer the person could take").isNotNull();

    // The robot completes a contact 2 s or more after it is assigned; the person's stays theirs.
    String contactId = offer.getJsonObject("contact").getString("id");
    Thread.sleep(4_000);
    JsonObject contact = await("the contact", engine.ok(HttpMethod.GET, "/v1/contacts/" + contactId,
        EngineUnderTest.SUPERVISOR, null));
    assertThat(contact.getString("status")).as("the person's contact: %s", contact).isEqualTo("assigned");
    await("the person wraps up", engine.ok(HttpMethod.POST, "/v1/contacts/" + contactId + "/complete",
        EngineUnderTest.A1, new JsonObject().put("disposition", "resolved")));
    assertThat(statusWithin("a1 out of wrap-up", s -> !"wrap_up".equals(s), 30)).isNotEqualTo("wrap_up");
    // The demo ships the manual's catalogues (docs/configuration.md): its reasons are checked on use.
    JsonObject reasons = await("the demo's reasons", engine.ok(HttpMethod.GET, "/v1/catalogues/not-ready-reasons",
        EngineUnderTest.A1, null));
    assertThat(reasons.getJsonArray("entries").stream().map(e -> ((JsonObject) e).getString("code")).toList())
        .containsExactly("break", "lunch", "training", "meeting", "coaching", "admin-work", "return-visit", "supervisor");
    assertThat(await("a reason it lacks", engine.call(HttpMethod.PUT, "/v1/agents/a1/status", EngineUnderTest.A1,
        new JsonObject().put("status", "not_ready").put("reason", "nap"))).statusCode()).isEqualTo(422);
    await("a1 on a break", engine.ok(HttpMethod.PUT, "/v1/agents/a1/status", EngineUnderTest.A1,
        new JsonObject().put("status", "not_ready").put("reason", "break")));
    Thread.sleep(1_000);
    assertThat(statusWithin("a1 on its break", s -> true, 5)).as("the robot left the break alone").isEqualTo("not_ready");

    // The person leaves: the robot takes a1 back and makes it available again.
    await("closing the console", person.ws.close());
    assertThat(statusWithin("a1 back with the robot", s -> !"not_ready".equals(s), 20))
        .as("a1 once its person left").isNotEqualTo("not_ready");
  }

  /** a1's status once {@code done} holds, polling for at most {@code seconds}; the last one seen otherwise. */
  private String statusWithin(String what, java.util.function.Predicate<String> done, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    String status;
    do {
      status = await(what, engine.ok(HttpMethod.GET, "/v1/agents/a1", EngineUnderTest.SUPERVISOR, null)).getString("status");
      if (done.test(status)) {
        return status;
      }
      Thread.sleep(200);
    } while (System.nanoTime() < deadline);
    return status;
  }
}

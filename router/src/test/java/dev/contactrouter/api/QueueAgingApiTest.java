package dev.contactrouter.api;

import static dev.contactrouter.testing.EngineUnderTest.ADMIN;
import static dev.contactrouter.testing.EngineUnderTest.SUPERVISOR;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxTestContext;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The starvation bound over HTTP: a queue states the longest a contact can be passed over, and a
 * queue without aging is taken only from an administrator who accepts it has none.
 */
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class QueueAgingApiTest extends EmbeddedEngineTest {

  @Test
  void aQueueStatesHowLongAContactCanBePassedOver(VertxTestContext ctx) {
    JsonObject raising = new JsonObject().put("name", "Stocks").put("agingRate", 0.5)
        .put("sla", new JsonObject().put("answerWithinSeconds", 60).put("thresholds", new JsonArray()
            .add(new JsonObject().put("atPercent", 50).put("action", "raise_priority").put("by", 20))
            .add(new JsonObject().put("atPercent", 80).put("action", "raise_priority").put("by", 30))));
    engine.ok(HttpMethod.PUT, "/v1/queues/stocks", ADMIN, raising)
        .compose(v -> engine.ok(HttpMethod.GET, "/v1/queues/stocks", SUPERVISOR, null))
        .onComplete(ctx.succeeding(q -> ctx.verify(() -> {
          JsonObject aging = q.getJsonObject("aging");
          // own priority 0–100, a major contact's +50, this policy's +20 +30
          assertThat(aging.getInteger("largestPriorityGap")).isEqualTo(200);
          assertThat(aging.getLong("passedOverAtMostSeconds")).isEqualTo(400);
          assertThat(aging.getString("guarantee")).contains("400 s");
          assertThat(q.containsKey("strictPriority")).isFalse();
          ctx.completeNow();
        })));
  }

  @Test
  void agingRateZeroIsRefusedUnlessStrictPriorityIsChosen(VertxTestContext ctx) {
    JsonObject strict = new JsonObject().put("name", "VIP").put("agingRate", 0);
    engine.call(HttpMethod.PUT, "/v1/queues/vip", ADMIN, strict)
        .compose(r -> {
          ctx.verify(() -> {
            Problems.problem(r, 400);
            assertThat(r.bodyAsJsonObject().getString("detail")).contains("starvation").contains("strictPriority");
          });
          return engine.call(HttpMethod.GET, "/v1/queues/vip", SUPERVISOR, null);
        })
        .compose(r -> {
          ctx.verify(() -> assertThat(r.statusCode()).as("nothing was configured").isEqualTo(404));
          return engine.call(HttpMethod.PUT, "/v1/queues/vip", ADMIN,
              new JsonObject().put("name", "VIP").put("agingRate", 1).put("strictPriority", true));
        })
        .compose(r -> {
          ctx.verify(() -> assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(400));
          return engine.ok(HttpMethod.PUT, "/v1/queues/vip", ADMIN, strict.copy().put("strictPriority", true));
        })
        .compose(v -> engine.ok(HttpMethod.GET, "/v1/queues/vip", SUPERVISOR, null))
        .compose(q -> {
          ctx.verify(() -> {
            assertThat(q.getBoolean("strictPriority")).isTrue();
            assertThat(q.getJsonObject("aging").containsKey("passedOverAtMostSeconds")).isFalse();
            assertThat(q.getJsonObject("aging").getString("guarantee")).startsWith("none");
          });
          // What a GET gives (less the id the path carries) can be put back: the bound is ignored.
          JsonObject back = q.copy();
          back.remove("id");
          return engine.ok(HttpMethod.PUT, "/v1/queues/vip", ADMIN, back);
        })
        .onComplete(ctx.succeeding(v -> ctx.completeNow()));
  }
}

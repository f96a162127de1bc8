package dev.contactrouter.api;

import static dev.contactrouter.testing.EngineUnderTest.A1;
import static dev.contactrouter.testing.EngineUnderTest.A2;
import static dev.contactrouter.testing.EngineUnderTest.SUPERVISOR;
import static dev.contactrouter.testing.EngineUnderTest.TELEPHONY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.testing.EngineUnderTest;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The first slice's scenario over real HTTP and WebSocket: push, offer, accept, wrap up, complete. */
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class ContactLifecycleTest extends EmbeddedEngineTest {
  @Test
  void contactIsOfferedToTheRightAgentAcceptedWrappedUpAndCompleted(VertxTestContext ctx) {
    JsonObject[] contact = new JsonObject[1];
    EngineUnderTest.AgentSocket[] socket = new EngineUnderTest.AgentSocket[1];
    engine.stocksDesk(15, 1)
        .compose(v -> engine.connect("a1", A1))
        .compose(ws -> {
          socket[0] = ws;
          return ws.next("state");
        })
        .compose(v -> engine.status("a1", A1, "available"))
        .compose(v -> engine.newContact(new JsonObject()
            .put("skills", new JsonObject().put("mandarin", 3)).put("priority", 50).put("externalId", "call-123")))
        .compose(created -> {
          contact[0] = created;
          ctx.verify(() -> {
            assertThat(created.getString("status")).isEqualTo("offered");
            assertThat(created.getString("queue")).isEqualTo("stocks");
            assertThat(created.getJsonObject("offer").getString("agentId")).isEqualTo("a1");
          });
          return socket[0].next("offer");
        })
        .compose(offer -> {
          ctx.verify(() -> {
            assertThat(offer.getString("offerId")).isEqualTo(contact[0].getJsonObject("offer").getString("offerId"));
            assertThat(offer.getJsonObject("contact").getString("externalId")).isEqualTo("call-123");
            assertThat(offer.getJsonObject("contact").getJsonObject("customer").getString("name")).isEqualTo("Zhang Wei");
            assertThat(Instant.parse(offer.getString("expiresAt"))).isAfter(Instant.now());
          });
          return engine.ok(HttpMethod.POST, "/v1/offers/" + offer.getString("offerId") + "/accept", A1, null);
        })
        .compose(assigned -> {
          ctx.verify(() -> {
            assertThat(assigned.getString("status")).isEqualTo("assigned");
            assertThat(assigned.getString("agentId")).isEqualTo("a1");
          });
          return socket[0].next("assigned");
        })
        .compose(v -> engine.ok(HttpMethod.POST, "/v1/contacts/" + contact[0].getString("id") + "/complete", A1,
            new JsonObject().put("disposition", "resolved").put("notes", "explained margin rules")))
        .compose(done -> {
          ctx.verify(() -> assertThat(done.getString("status")).isEqualTo("completed"));
          return socket[0].next("state", m -> "wrap_up".equals(m.getJsonObject("agent").getString("status")));
        })
        // wrap-up of 1 s ends by itself
        .compose(wrapUp -> socket[0].next("state", m -> "available".equals(m.getJsonObject("agent").getString("status"))
            && Instant.parse(m.getJsonObject("agent").getString("statusSince"))
                .isAfter(Instant.parse(wrapUp.getJsonObject("agent").getString("statusSince")))))
        .compose(v -> engine.ok(HttpMethod.GET, "/v1/queues/stocks/stats", SUPERVISOR, null))
        .onComplete(ctx.succeeding(stats -> ctx.verify(() -> {
          assertThat(stats.getLong("offered")).isEqualTo(1);
          assertThat(stats.getLong("answered")).isEqualTo(1);
          assertThat(stats.getLong("completed")).isEqualTo(1);
          assertThat(stats.getInteger("waiting")).isZero();
          assertThat(stats.getJsonObject("agents").getInteger("available")).isEqualTo(1);
          ctx.completeNow();
        })));
  }

  @Test
  void statusSinceIsWhenTheCurrentStateBeganAnOfferAndAnAssignmentIncluded(VertxTestContext ctx) {
    JsonObject[] available = new JsonObject[1];
    JsonObject[] created = new JsonObject[1];
    engine.stocksDesk(15, 0)
        .compose(v -> engine.status("a1", A1, "available"))
        .compose(agent -> {
          available[0] = agent;
          return engine.newContact(new JsonObject());
        })
        .compose(contact -> {
          created[0] = contact;
          return engine.ok(HttpMethod.GET, "/v1/agents/a1", SUPERVISOR, null);
        })
        .compose(ringing -> {
          ctx.verify(() -> {
            // The offer began the agent's current state: it rings for the queue's 15 s from then.
            Instant offered = Instant.parse(created[0].getJsonObject("offer").getString("expiresAt")).minusSeconds(15);
            assertThat(ringing.getString("state")).isEqualTo("busy");
            assertThat(Instant.parse(ringing.getString("statusSince"))).isEqualTo(offered)
                .isAfterOrEqualTo(Instant.parse(available[0].getString("statusSince")));
          });
          return engine.ok(HttpMethod.POST, "/v1/offers/" + created[0].getJsonObject("offer").getString("offerId") + "/accept",
              A1, null);
        })
        .compose(assigned -> engine.ok(HttpMethod.GET, "/v1/agents/a1", SUPERVISOR, null).map(agent -> {
          ctx.verify(() -> assertThat(Instant.parse(agent.getString("statusSince")))
              .as("the assignment began the current state").isEqualTo(Instant.parse(assigned.getString("assignedAt"))));
          return assigned;
        }))
        .compose(assigned -> engine.ok(HttpMethod.POST, "/v1/contacts/" + assigned.getString("id") + "/complete", A1,
            new JsonObject().put("disposition", "resolved")))
        .compose(done -> engine.ok(HttpMethod.GET, "/v1/agents/a1", SUPERVISOR, null).map(agent -> {
          ctx.verify(() -> assertThat(Instant.parse(agent.getString("statusSince")))
              .as("completing it ended the state").isEqualTo(Instant.parse(done.getString("endedAt"))));
          return agent;
        }))
        .onComplete(ctx.succeeding(v -> ctx.completeNow()));
  }

  @Test
  void waitingContactsGetTheirPlaceInLineAndGoToTheFirstAgentToBecomeFree(VertxTestContext ctx) {
    engine.stocksDesk(15, 0)
        .compose(v -> engine.newContact(new JsonObject().put("externalId", "first")))
        .compose(first -> {
          ctx.verify(() -> {
            assertThat(first.getString("status")).isEqualTo("queued");
            assertThat(first.getInteger("position")).isEqualTo(1);
            assertThat(first.containsKey("estimatedWaitSeconds")).as("nobody logged in: no estimate").isFalse();
          });
          return engine.newContact(new JsonObject().put("externalId", "second"));
        })
        .compose(second -> {
          ctx.verify(() -> assertThat(second.getInteger("position")).isEqualTo(2));
          return engine.ok(HttpMethod.PUT, "/v1/agents/a2/status", A2,
              new JsonObject().put("status", "not_ready").put("reason", "training"));
        })
        .compose(v -> engine.newContact(new JsonObject().put("externalId", "third").put("priority", 90)))
        .compose(third -> {
          ctx.verify(() -> {
            assertThat(third.getInteger("position")).as("higher priority goes ahead").isEqualTo(1);
            assertThat(third.getInteger("estimatedWaitSeconds")).isPositive();
          });
          return engine.connectAvailable("a1", A1);
        })
        .compose(ws -> ws.next("offer"))
        .onComplete(ctx.succeeding(offer -> ctx.verify(() -> {
          assertThat(offer.getJsonObject("contact").getString("externalId")).isEqualTo("third");
          ctx.completeNow();
        })));
  }

  @Test
  void rejectedContactGoesToAnotherAgentAndNeverBackToTheOneWhoRejected(VertxTestContext ctx) {
    engine.stocksDesk(15, 0)
        .compose(v -> engine.connect("a2", A2))
        .compose(a2 -> engine.status("a1", A1, "available")
            .compose(v -> engine.newContact(new JsonObject()))
            .compose(created -> engine.status("a2", A2, "available").map(created))
            .compose(created -> engine.ok(HttpMethod.POST,
                "/v1/offers/" + created.getJsonObject("offer").getString("offerId") + "/reject", A1,
                new JsonObject().put("reason", "wrong-language")))
            .compose(rejected -> a2.next("offer").map(o -> {
              ctx.verify(() -> assertThat(o.getJsonObject("contact").getString("id")).isEqualTo(rejected.getString("id")));
              return o;
            })))
        .compose(o -> engine.ok(HttpMethod.GET, "/v1/contacts/" + o.getJsonObject("contact").getString("id"), SUPERVISOR, null))
        .onComplete(ctx.succeeding(c -> ctx.verify(() -> {
          assertThat(c.getJsonObject("offer").getString("agentId")).isEqualTo("a2");
          assertThat(c.getJsonArray("rejectedBy").getList()).containsExactly("a1");
          ctx.completeNow();
        })));
  }

  @Test
  void unansweredOfferTimesOutAndTheAgentGoesNotReady(VertxTestContext ctx) {
    EngineUnderTest.AgentSocket[] a1 = new EngineUnderTest.AgentSocket[1];
    engine.stocksDesk(1, 0)
        .compose(v -> engine.connectAvailable("a1", A1))
        .compose(ws -> {
          a1[0] = ws;
          return engine.newContact(new JsonObject());
        })
        .compose(created -> a1[0].next("offer_revoked").map(revoked -> {
          ctx.verify(() -> assertThat(revoked.getString("reason")).isEqualTo("timed_out"));
          return created;
        }))
        .compose(created -> a1[0].next("state", m -> "not_ready".equals(m.getJsonObject("agent").getString("status")))
            .map(state -> {
              ctx.verify(() -> assertThat(state.getJsonObject("agent").getString("reason")).isEqualTo("missed-offer"));
              return created;
            }))
        .compose(created -> engine.ok(HttpMethod.GET, "/v1/contacts/" + created.getString("id"), SUPERVISOR, null))
        .onComplete(ctx.succeeding(c -> ctx.verify(() -> {
          assertThat(c.getString("status")).isEqualTo("queued");
          assertThat(c.getInteger("position")).isEqualTo(1);
          ctx.completeNow();
        })));
  }

  @Test
  void withAThresholdOfTwoTheFirstMissIsCountedAndTheSecondSendsTheAgentNotReady(VertxTestContext ctx) {
    EngineUnderTest.AgentSocket[] a1 = new EngineUnderTest.AgentSocket[1];
    engine.stocksDesk(1, 0)
        .compose(v -> engine.ok(HttpMethod.PUT, "/v1/rules", EngineUnderTest.ADMIN,
            new JsonObject().put("missedOffersBeforeNotReady", 2)))
        .compose(rules -> {
          ctx.verify(() -> assertThat(rules.getInteger("missedOffersBeforeNotReady")).isEqualTo(2));
          return engine.connectAvailable("a1", A1);
        })
        .compose(ws -> {
          a1[0] = ws;
          return engine.newContact(new JsonObject());
        })
        .compose(created -> a1[0].next("offer_revoked", m -> "timed_out".equals(m.getString("reason"))))
        // The first miss is counted and the agent stays available: the contact comes back to it.
        .compose(first -> a1[0].next("state", m -> m.getJsonObject("agent").getInteger("missedOffers") == 1))
        .compose(state -> {
          ctx.verify(() -> assertThat(state.getJsonObject("agent").getString("status")).isEqualTo("available"));
          return a1[0].next("state", m -> "not_ready".equals(m.getJsonObject("agent").getString("status")));
        })
        .compose(notReady -> {
          ctx.verify(() -> assertThat(notReady.getJsonObject("agent").getString("reason")).isEqualTo("missed-offer"));
          return engine.ok(HttpMethod.GET, "/v1/agents/a1", SUPERVISOR, null);
        })
        .compose(agent -> {
          ctx.verify(() -> {
            assertThat(agent.getString("status")).isEqualTo("not_ready");
            assertThat(agent.getInteger("missedOffers")).as("a new status starts the count again").isZero();
          });
          return engine.call(HttpMethod.PUT, "/v1/rules", EngineUnderTest.ADMIN,
              new JsonObject().put("missedOffersBeforeNotReady", 0));
        })
        .onComplete(ctx.succeeding(refused -> ctx.verify(() -> {
          assertThat(refused.statusCode()).isEqualTo(400);
          assertThat(refused.bodyAsString()).contains("missedOffersBeforeNotReady");
          ctx.completeNow();
        })));
  }

  @Test
  void abandonAndTransferOverHttp(VertxTestContext ctx) {
    engine.stocksDesk(15, 0)
        .compose(v -> engine.ok(HttpMethod.PUT, "/v1/queues/funds", EngineUnderTest.ADMIN,
            new JsonObject().put("name", "Funds").put("channel", "voice").put("skills", new JsonObject().put("funds", 2))))
        .compose(v -> engine.newContact(new JsonObject()))
        .compose(c -> engine.ok(HttpMethod.POST, "/v1/contacts/" + c.getString("id") + "/transfer", SUPERVISOR,
            new JsonObject().put("queue", "funds")))
        .compose(moved -> {
          ctx.verify(() -> assertThat(moved.getString("queue")).isEqualTo("funds"));
          return engine.ok(HttpMethod.POST, "/v1/contacts/" + moved.getString("id") + "/abandon", TELEPHONY, null);
        })
        .compose(gone -> {
          ctx.verify(() -> assertThat(gone.getString("status")).isEqualTo("abandoned"));
          return engine.call(HttpMethod.POST, "/v1/contacts/" + gone.getString("id") + "/abandon", TELEPHONY, null);
        })
        .compose(again -> {
          ctx.verify(() -> {
            assertThat(again.statusCode()).isEqualTo(409);
            assertThat(again.getHeader("Content-Type")).isEqualTo("application/problem+json");
          });
          return engine.ok(HttpMethod.GET, "/v1/queues/funds/stats", SUPERVISOR, null);
        })
        .onComplete(ctx.succeeding(stats -> ctx.verify(() -> {
          assertThat(stats.getLong("offered")).isEqualTo(1);
          assertThat(stats.getLong("abandoned")).isEqualTo(1);
          ctx.completeNow();
        })));
  }

  @Test
  void retriedContactCreationWithTheSameIdempotencyKeyCreatesOneContact(VertxTestContext ctx) {
    JsonObject body = new JsonObject().put("channel", "voice").put("queue", "stocks").put("externalId", "call-9");
    engine.stocksDesk(15, 0)
        .compose(v -> post(body, "retry-1"))
        .compose(first -> post(body, "retry-1").map(second -> {
          ctx.verify(() -> {
            assertThat(first.statusCode()).isEqualTo(201);
            assertThat(second.statusCode()).isEqualTo(201);
            assertThat(second.getHeader("Idempotent-Replayed")).isEqualTo("true");
            assertThat(second.bodyAsJsonObject().getString("id")).isEqualTo(first.bodyAsJsonObject().getString("id"));
          });
          return first;
        }))
        .compose(first -> post(body.copy().put("priority", 99), "retry-1"))
        .compose(conflict -> {
          ctx.verify(() -> {
            assertThat(conflict.statusCode()).isEqualTo(409);
            assertThat(conflict.bodyAsJsonObject().getString("field")).isEqualTo("Idempotency-Key");
          });
          return engine.ok(HttpMethod.GET, "/v1/queues/stocks/stats", SUPERVISOR, null);
        })
        .onComplete(ctx.succeeding(stats -> ctx.verify(() -> {
          assertThat(stats.getLong("offered")).isEqualTo(1);
          ctx.completeNow();
        })));
  }

  @Test
  void supervisorsSeeWaitingContactsAndAgentsSeeTheHistoryOfTheCustomerTheyServe(VertxTestContext ctx) {
    JsonObject zhang = new JsonObject().put("customer", new JsonObject().put("id", "c-77").put("tier", "hnw"));
    engine.stocksDesk(15, 0)
        .compose(v -> engine.newContact(zhang.copy().put("externalId", "earlier")))
        .compose(v -> engine.newContact(new JsonObject().put("externalId", "someone-else")))
        .compose(v -> engine.web.get("/v1/queues/stocks/contacts").putHeader("Authorization", "Bearer " + SUPERVISOR).send())
        .compose(r -> {
          ctx.verify(() -> assertThat(r.bodyAsJsonArray().size()).isEqualTo(2));
          return engine.call(HttpMethod.GET, "/v1/customers/c-77/contacts", A1, null);
        })
        .compose(r -> {
          ctx.verify(() -> assertThat(r.statusCode()).as("a1 serves nobody yet").isEqualTo(403));
          return engine.status("a1", A1, "available");
        })
        .compose(v -> engine.call(HttpMethod.GET, "/v1/customers/c-77/contacts", A1, null))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
          assertThat(r.bodyAsJsonArray().size()).isEqualTo(1);
          assertThat(r.bodyAsJsonArray().getJsonObject(0).getString("externalId")).isEqualTo("earlier");
          ctx.completeNow();
        })));
  }

  private Future<io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer>> post(JsonObject body, String key) {
    return engine.web.post("/v1/contacts")
        .putHeader("Authorization", "Bearer " + TELEPHONY)
        .putHeader("Idempotency-Key", key)
        .sendJsonObject(body);
  }
}

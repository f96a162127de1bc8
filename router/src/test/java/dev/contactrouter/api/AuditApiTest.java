package dev.contactrouter.api;

import static dev.contactrouter.testing.EngineUnderTest.A1;
import static dev.contactrouter.testing.EngineUnderTest.A2;
import static dev.contactrouter.testing.EngineUnderTest.ADMIN;
import static dev.contactrouter.testing.EngineUnderTest.SUPERVISOR;
import static dev.contactrouter.testing.EngineUnderTest.TELEPHONY;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The audit routes over HTTP with the embedded journal: a contact's history (who, when, why this
 * agent), a customer's contacts, the export in NDJSON and CSV (paged through the writer), and
 * verification of the hash chain; and who may call them.
 */
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class AuditApiTest extends EmbeddedEngineTest {
  @Test
  void aContactsHistorySaysWhatHappenedWhenByWhomAndWhyThisAgent(VertxTestContext ctx) {
    String[] id = new String[1];
    served()
        .compose(contactId -> {
          id[0] = contactId;
          return engine.call(HttpMethod.GET, "/v1/contacts/" + contactId + "/history", A1, null);
        })
        .compose(whileHeld -> {
          ctx.verify(() -> assertThat(whileHeld.statusCode()).as("the agent holding it may read it").isEqualTo(200));
          return complete(id[0]);
        })
        .compose(v -> engine.call(HttpMethod.GET, "/v1/contacts/" + id[0] + "/history", A2, null))
        .compose(other -> {
          ctx.verify(() -> assertThat(other.statusCode()).as("another agent").isEqualTo(403));
          return engine.call(HttpMethod.GET, "/v1/contacts/" + id[0] + "/history", TELEPHONY, null);
        })
        .compose(telephony -> {
          ctx.verify(() -> assertThat(telephony.statusCode()).isEqualTo(403));
          return engine.call(HttpMethod.GET, "/v1/contacts/no-such-contact/history", SUPERVISOR, null);
        })
        .compose(missing -> {
          ctx.verify(() -> assertThat(missing.statusCode()).isEqualTo(404));
          return engine.call(HttpMethod.GET, "/v1/contacts/no-such-contact/history", A1, null);
        })
        .compose(unknownToAgent -> {
          ctx.verify(() -> assertThat(unknownToAgent.statusCode()).as("a contact not held: not for agents").isEqualTo(403));
          return engine.ok(HttpMethod.GET, "/v1/contacts/" + id[0] + "/history", SUPERVISOR, null);
        })
        .onComplete(ctx.succeeding(history -> ctx.verify(() -> {
          JsonArray events = history.getJsonArray("events");
          List<String> types = new ArrayList<>();
          events.forEach(o -> types.add(((JsonObject) o).getString("type")));
          // The queue has no SLA policy: the manual's 2-hour first-response clock starts with the contact.
          assertThat(types).containsExactly("contact_queued", "sla_started", "offer_made", "offer_accepted",
              "contact_completed");
          JsonObject queued = events.getJsonObject(0);
          assertThat(queued.getString("actor")).startsWith("telephony/");
          assertThat(queued.getString("at")).isNotBlank();
          assertThat(events.getJsonObject(1).getString("source")).isEqualTo("manual:first-response");
          assertThat(events.getJsonObject(1).getString("actor")).isEqualTo("router");
          JsonObject offer = events.getJsonObject(2);
          assertThat(offer.getString("actor")).isEqualTo("router");
          assertThat(offer.getString("agentId")).isEqualTo("a1");
          assertThat(offer.getJsonArray("reasons").getList()).isNotEmpty()
              .anySatisfy(r -> assertThat((String) r).startsWith("rank:"));
          assertThat(events.getJsonObject(3).getString("actor")).isEqualTo("agent:a1");
          assertThat(events.getJsonObject(4).getString("disposition")).isEqualTo("resolved");
          for (int i = 1; i < events.size(); i++) {
            assertThat(events.getJsonObject(i).getLong("seq")).isGreaterThan(events.getJsonObject(i - 1).getLong("seq"));
            assertThat(events.getJsonObject(i).getString("hash")).hasSize(64);
          }
          assertThat(history.getBoolean("complete")).isTrue();
          ctx.completeNow();
        })));
  }

  @Test
  void aCustomersContactsComeFromTheJournalNewestFirst(VertxTestContext ctx) {
    completed()
        .compose(first -> engine.newContact(new JsonObject().put("channel", "voice").put("externalId", "second"))
            .compose(second -> engine.web.get("/v1/customers/c-1/contacts")
                .putHeader("Authorization", "Bearer " + SUPERVISOR).send()
                .map(r -> {
                  JsonArray list = r.bodyAsJsonArray();
                  ctx.verify(() -> {
                    assertThat(list).hasSize(2);
                    assertThat(list.getJsonObject(0).getString("id")).isEqualTo(second.getString("id"));
                    assertThat(list.getJsonObject(1).getString("id")).isEqualTo(first);
                    assertThat(list.getJsonObject(1).getString("status")).isEqualTo("completed");
                  });
                  return second;
                })))
        .compose(second -> engine.call(HttpMethod.GET, "/v1/customers/c-1/contacts", A2, null))
        .onComplete(ctx.succeeding(notServing -> ctx.verify(() -> {
          assertThat(notServing.statusCode()).as("an agent not serving the customer").isEqualTo(403);
          ctx.completeNow();
        })));
  }

  @Test
  void theAuditTrailExportsAsNdjsonAndCsvAndVerifies(VertxTestContext ctx) {
    completed()
        .compose(v -> export("/v1/audit", null))
        .compose(ndjson -> {
          ctx.verify(() -> {
            assertThat(ndjson.statusCode()).isEqualTo(200);
            assertThat(ndjson.getHeader("Content-Type")).startsWith("application/x-ndjson");
            String[] lines = ndjson.bodyAsString().split("\n");
            assertThat(lines.length).isGreaterThanOrEqualTo(8);
            String prev = "0".repeat(64);
            for (int i = 0; i < lines.length; i++) {
              JsonObject line = new JsonObject(lines[i]);
              assertThat(line.getLong("seq")).isEqualTo(i + 1);
              assertThat(line.getString("prevHash")).isEqualTo(prev);
              assertThat(new JsonObject(line.getString("payload")).getString("type")).isEqualTo(line.getString("type"));
              prev = line.getString("hash");
            }
          });
          return export("/v1/audit?format=csv", null);
        })
        .compose(csv -> {
          ctx.verify(() -> {
            assertThat(csv.getHeader("Content-Type")).startsWith("text/csv");
            String[] rows = csv.bodyAsString().split("\r\n");
            assertThat(rows[0]).isEqualTo("domain,seq,at,actor,type,contact_id,agent_id,customer_id,payload,prev_hash,hash");
            assertThat(rows[1]).startsWith("\"default\",1,");
          });
          return export("/v1/audit", "text/csv");
        })
        .compose(byAccept -> {
          ctx.verify(() -> assertThat(byAccept.getHeader("Content-Type")).startsWith("text/csv"));
          return export("/v1/audit?from=2999-01-01T00:00:00Z&to=2999-01-02T00:00:00%2B08:00", null);
        })
        .compose(empty -> {
          ctx.verify(() -> {
            assertThat(empty.statusCode()).as("%s", empty.bodyAsString()).isEqualTo(200);
            assertThat(empty.body() == null ? 0 : empty.body().length()).isZero();
          });
          return export("/v1/audit?from=yesterday", null);
        })
        .compose(bad -> {
          ctx.verify(() -> {
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.bodyAsJsonObject().getString("field")).isEqualTo("from");
          });
          return engine.call(HttpMethod.GET, "/v1/audit", A1, null);
        })
        .compose(agent -> {
          ctx.verify(() -> assertThat(agent.statusCode()).isEqualTo(403));
          return engine.ok(HttpMethod.GET, "/v1/audit/verify", ADMIN, null);
        })
        .onComplete(ctx.succeeding(report -> ctx.verify(() -> {
          assertThat(report.getBoolean("intact")).isTrue();
          assertThat(report.getString("domain")).isEqualTo("default");
          assertThat(report.getLong("checked")).isGreaterThanOrEqualTo(8).isEqualTo(report.getLong("lastSeq"));
          assertThat(report.containsKey("brokenAt")).isFalse();
          ctx.completeNow();
        })));
  }

  @Test
  void anExportLongerThanAPageStreamsEveryEventInOrder(VertxTestContext ctx) {
    int agents = AuditHandler.PAGE + 150;
    Future<Void> all = Future.succeededFuture();
    for (int batch = 0; batch < agents; batch += 50) {
      int from = batch;
      all = all.compose(v -> {
        List<Future<JsonObject>> puts = new ArrayList<>();
        for (int i = from; i < Math.min(from + 50, agents); i++) {
          puts.add(engine.ok(HttpMethod.PUT, "/v1/agents/p" + i, ADMIN, new JsonObject().put("name", "Agent " + i)));
        }
        return Future.all(puts).mapEmpty();
      });
    }
    all.compose(v -> export("/v1/audit", null))
        .compose(r -> {
          ctx.verify(() -> {
            String[] lines = r.bodyAsString().split("\n");
            assertThat(lines).hasSize(agents);
            for (int i = 0; i < lines.length; i++) {
              assertThat(new JsonObject(lines[i]).getLong("seq")).isEqualTo(i + 1);
            }
          });
          return engine.ok(HttpMethod.GET, "/v1/audit/verify", SUPERVISOR, null);
        })
        .onComplete(ctx.succeeding(report -> ctx.verify(() -> {
          assertThat(report.getBoolean("intact")).isTrue();
          assertThat(report.getLong("checked")).isEqualTo(agents);
          ctx.completeNow();
        })));
  }

  /** A contact of customer c-1 offered to and accepted by a1; its id. */
  private Future<String> served() {
    return engine.stocksDesk(15, 0)
        .compose(v -> engine.status("a1", A1, "available"))
        .compose(v -> engine.newContact(new JsonObject()))
        .compose(c -> engine.ok(HttpMethod.POST, "/v1/offers/" + c.getJsonObject("offer").getString("offerId") + "/accept",
            A1, null).map(v -> c.getString("id")));
  }

  /** A contact a1 answered and completed; its id. */
  private Future<String> completed() {
    return served().compose(id -> complete(id).map(id));
  }

  private Future<Void> complete(String id) {
    return engine.ok(HttpMethod.POST, "/v1/contacts/" + id + "/complete", A1,
        new JsonObject().put("disposition", "resolved")).mapEmpty();
  }

  private Future<HttpResponse<Buffer>> export(String path, String accept) {
    var request = engine.web.get(path).putHeader("Authorization", "Bearer " + SUPERVISOR);
    if (accept != null) {
      request.putHeader("Accept", accept);
    }
    return request.send();
  }
}

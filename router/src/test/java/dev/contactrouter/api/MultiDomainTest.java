package dev.contactrouter.api;

import static dev.contactrouter.testing.EngineUnderTest.A1;
import static dev.contactrouter.testing.EngineUnderTest.ADMIN;
import static dev.contactrouter.testing.EngineUnderTest.SUPERVISOR;
import static dev.contactrouter.testing.EngineUnderTest.TELEPHONY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.testing.EngineExtension;
import dev.contactrouter.testing.EngineUnderTest;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two routing domains in one node: each credential acts in its own domain only, with its own
 * queues, agents, contacts, offers and event stream, though the agent ids are the same; and
 * {@code GET /v1/cluster} shows the node holding both.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class MultiDomainTest {
  private static final String B_ADMIN = "branch-admin-key-01";
  private static final String B_TELEPHONY = "branch-telephony-key-01";
  private static final String B_SUPERVISOR = "branch-supervisor-key-01";
  private static final String B_A1 = "branch-agent-a1-key-01";
  private static final String NOWHERE = "nowhere-admin-key-01";

  @RegisterExtension
  static final EngineExtension engines = EngineExtension.embedded()
      .with("ROUTER_DOMAINS", "default,branch-b")
      .with("ROUTER_API_KEYS", String.join(",",
          TELEPHONY + "=telephony", SUPERVISOR + "=supervisor", ADMIN + "=admin", A1 + "=agent:a1",
          B_ADMIN + "=admin@branch-b", B_TELEPHONY + "=telephony@branch-b", B_SUPERVISOR + "=supervisor@branch-b",
          B_A1 + "=agent:a1@branch-b", NOWHERE + "=admin@elsewhere"));

  private EngineUnderTest engine;

  @BeforeEach
  void engine(EngineUnderTest engine) {
    this.engine = engine;
  }

  @Test
  void eachCredentialActsInItsOwnDomainOnly(VertxTestContext ctx) {
    JsonObject queue = new JsonObject().put("name", "Branch stocks").put("channel", "voice")
        .put("skills", new JsonObject().put("stocks", 2));
    JsonObject agent = new JsonObject().put("name", "Chan Tai Man").put("skills", new JsonObject().put("stocks", 4));
    EngineUnderTest.AgentSocket[] defaultA1 = new EngineUnderTest.AgentSocket[1];
    EngineUnderTest.AgentSocket[] branchA1 = new EngineUnderTest.AgentSocket[1];
    // The default domain's a1 is available too, for a queue of the same name: it must never see branch-b's offer.
    engine.stocksDesk(30, 0)
        .compose(v -> engine.ok(HttpMethod.PUT, "/v1/queues/stocks", B_ADMIN, queue))
        .compose(v -> engine.ok(HttpMethod.PUT, "/v1/agents/a1", B_ADMIN, agent))
        .compose(v -> engine.connect("a1", A1))
        .compose(ws -> {
          defaultA1[0] = ws;
          return engine.connect("a1", B_A1);
        })
        .compose(ws -> {
          branchA1[0] = ws;
          return engine.status("a1", B_A1, "available");
        })
        .compose(v -> engine.status("a1", A1, "available"))
        .compose(v -> engine.ok(HttpMethod.POST, "/v1/contacts", B_TELEPHONY, new JsonObject()
            .put("channel", "voice").put("queue", "stocks")
            .put("customer", new JsonObject().put("id", "hk-1").put("tier", "standard").put("riskLevel", 2))))
        .compose(created -> {
          ctx.verify(() -> assertThat(created.getJsonObject("offer").getString("agentId")).isEqualTo("a1"));
          return branchA1[0].next("offer").map(offer -> {
            ctx.verify(() -> assertThat(offer.getJsonObject("contact").getString("id")).isEqualTo(created.getString("id")));
            return created;
          });
        })
        .compose(created -> Future.all(
                engine.call(HttpMethod.GET, "/v1/contacts/" + created.getString("id"), SUPERVISOR, null),
                engine.call(HttpMethod.GET, "/v1/contacts/" + created.getString("id"), B_SUPERVISOR, null),
                engine.call(HttpMethod.GET, "/v1/queues/stocks", NOWHERE, null),
                engine.ok(HttpMethod.GET, "/v1/agents/a1", ADMIN, null))
            .map(all -> {
              ctx.verify(() -> {
                assertThat(all.<io.vertx.ext.web.client.HttpResponse<?>>resultAt(0).statusCode())
                    .as("the default domain has no such contact").isEqualTo(404);
                assertThat(all.<io.vertx.ext.web.client.HttpResponse<?>>resultAt(1).statusCode()).isEqualTo(200);
                assertThat(all.<io.vertx.ext.web.client.HttpResponse<?>>resultAt(2).statusCode())
                    .as("a key of a domain not served here").isEqualTo(403);
                assertThat(all.<JsonObject>resultAt(3).getString("status"))
                    .as("the default domain's a1 was offered nothing").isEqualTo("available");
                assertThat(defaultA1[0].received("offer")).isEmpty();
              });
              return null;
            }))
        .compose(v -> engine.ok(HttpMethod.GET, "/v1/cluster", B_SUPERVISOR, null))
        .onComplete(ctx.succeeding(view -> ctx.verify(() -> {
          assertThat(view.getBoolean("clustered")).isFalse();
          assertThat(view.getString("node")).isEqualTo("standalone");
          assertThat(view.getJsonArray("nodes")).hasSize(1);
          assertThat(view.getJsonArray("domains").stream().map(o -> ((JsonObject) o).getString("owner")))
              .containsOnly("standalone");
          assertThat(view.getJsonArray("held").getList()).containsExactlyInAnyOrder("default", "branch-b");
          ctx.completeNow();
        })));
  }

  @Test
  void anAdministratorSeesAndRevokesOnlyItsOwnDomainsKeys(VertxTestContext ctx) {
    String defaultAdminId = KeyRing.keyId(KeyRing.digest(ADMIN));
    String branchTelephonyId = KeyRing.keyId(KeyRing.digest(B_TELEPHONY));
    engine.call(HttpMethod.GET, "/v1/keys", B_ADMIN, null)
        .compose(list -> {
          ctx.verify(() -> {
            assertThat(list.statusCode()).isEqualTo(200);
            assertThat(list.bodyAsJsonArray().stream().map(o -> ((JsonObject) o).getString("id")))
                .contains(branchTelephonyId).doesNotContain(defaultAdminId).hasSize(4);
          });
          return engine.call(HttpMethod.DELETE, "/v1/keys/" + defaultAdminId, B_ADMIN, null);
        })
        .compose(revoke -> {
          ctx.verify(() -> assertThat(revoke.statusCode()).as("another domain's key is not there").isEqualTo(404));
          return engine.call(HttpMethod.GET, "/v1/queues", ADMIN, null);
        })
        .onComplete(ctx.succeeding(stillWorks -> ctx.verify(() -> {
          assertThat(stillWorks.statusCode()).isEqualTo(200);
          ctx.completeNow();
        })));
  }
}

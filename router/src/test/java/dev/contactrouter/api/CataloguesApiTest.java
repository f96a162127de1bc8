package dev.contactrouter.api;

import static dev.contactrouter.api.Problems.problem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.testing.EngineUnderTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Catalogues of not-ready reasons and dispositions over the API (issue 19), against an engine
 * running in-process on loopback: shapes, who may read and replace them, codes refused on use
 * with a problem naming them, free text where none is configured, and the report by code.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CataloguesApiTest extends EmbeddedEngineTest {
  @BeforeEach
  void desk() {
    fundsDesk();
  }

  private static JsonObject entry(String code, String en, String zh) {
    return new JsonObject().put("code", code).put("labels", new JsonObject().put("en", en).put("zh-CN", zh));
  }

  private static JsonObject catalogue(JsonObject... entries) {
    JsonArray list = new JsonArray();
    for (JsonObject entry : entries) {
      list.add(entry);
    }
    return new JsonObject().put("entries", list);
  }

  @Test
  void withoutCataloguesEveryConsoleReadsThemEmptyAndFreeTextStillWorks() {
    JsonArray all = new JsonArray(engine.send("GET", "/v1/catalogues", EngineUnderTest.A1, null).body());
    assertThat(all).containsExactly(
        new JsonObject().put("kind", "not-ready-reasons").put("entries", new JsonArray()),
        new JsonObject().put("kind", "dispositions").put("entries", new JsonArray()));
    JsonObject agent = engine.ok("PUT", "/v1/agents/a1/status", EngineUnderTest.A1,
        new JsonObject().put("status", "not_ready").put("reason", "Anything_at-all.7"));
    assertThat(agent.getString("reason")).isEqualTo("Anything_at-all.7");
    problem(engine.send("GET", "/v1/catalogues/moods", EngineUnderTest.A1, null), 400);
  }

  @Test
  void anAdministratorReplacesACatalogueAndUnknownReasonsAreRefusedNamingTheAllowedOnes() {
    JsonObject body = catalogue(entry("break", "Break", "小休"), entry("training", "Training", "培训"),
        entry("smoking", "Smoking", "吸烟").put("active", false));
    problem(engine.send("PUT", "/v1/catalogues/not-ready-reasons", EngineUnderTest.SUPERVISOR, body), 403);
    JsonObject stored = engine.ok("PUT", "/v1/catalogues/not-ready-reasons", EngineUnderTest.ADMIN, body);
    assertThat(stored.getString("kind")).isEqualTo("not-ready-reasons");
    assertThat(stored.getJsonArray("entries").getJsonObject(0)).isEqualTo(entry("break", "Break", "小休").put("active", true));
    assertThat(engine.ok("GET", "/v1/catalogues/not-ready-reasons", EngineUnderTest.A1, null)).isEqualTo(stored);

    JsonObject refused = problem(engine.send("PUT", "/v1/agents/a1/status", EngineUnderTest.A1,
        new JsonObject().put("status", "not_ready").put("reason", "smoking")), 422);
    assertThat(refused.getString("detail"))
        .isEqualTo("not-ready reason 'smoking' is not an active code of the catalogue; allowed: break, training");
    assertThat(refused.getString("field")).isEqualTo("/reason");
    assertThat(engine.ok("PUT", "/v1/agents/a1/status", EngineUnderTest.A1,
        new JsonObject().put("status", "not_ready").put("reason", "training")).getString("reason")).isEqualTo("training");

    JsonObject noChinese = problem(engine.send("PUT", "/v1/catalogues/dispositions", EngineUnderTest.ADMIN,
        catalogue(new JsonObject().put("code", "resolved").put("labels", new JsonObject().put("en", "Resolved")))), 400);
    assertThat(noChinese.encode()).contains("zh-CN");
    JsonObject twice = problem(engine.send("PUT", "/v1/catalogues/dispositions", EngineUnderTest.ADMIN,
        catalogue(entry("resolved", "Resolved", "已解决"), entry("resolved", "Again", "再次"))), 422);
    assertThat(twice.getString("field")).isEqualTo("/entries/1/code");
  }

  @Test
  void dispositionsAreCheckedOnCompletionAndTheReportBreaksDownByCode() {
    engine.ok("PUT", "/v1/catalogues/dispositions", EngineUnderTest.ADMIN,
        catalogue(entry("resolved", "Resolved", "已解决"), entry("sale", "Sale", "产品销售")));
    JsonObject c = engine.ok("POST", "/v1/contacts", EngineUnderTest.TELEPHONY,
        new JsonObject().put("channel", "voice").put("queue", "funds"));
    JsonObject agent = engine.ok("PUT", "/v1/agents/a1/status", EngineUnderTest.A1, new JsonObject().put("status", "available"));
    engine.ok("POST", "/v1/offers/" + agent.getJsonArray("offers").getJsonObject(0).getString("offerId") + "/accept",
        EngineUnderTest.A1, null);
    String complete = "/v1/contacts/" + c.getString("id") + "/complete";
    JsonObject refused = problem(engine.send("POST", complete, EngineUnderTest.A1,
        new JsonObject().put("disposition", "fixed")), 422);
    assertThat(refused.getString("detail")).contains("'fixed'").endsWith("allowed: resolved, sale");
    engine.ok("POST", complete, EngineUnderTest.A1, new JsonObject().put("disposition", "sale"));

    JsonObject report = engine.ok("GET", "/v1/reports/codes", EngineUnderTest.SUPERVISOR, null);
    assertThat(report.getLong("completed")).isEqualTo(1);
    assertThat(report.getJsonArray("dispositions")).containsExactly(new JsonObject().put("disposition", "sale")
        .put("labels", new JsonObject().put("en", "Sale").put("zh-CN", "产品销售")).put("contacts", 1).put("share", 100.0));
    HttpResponse<String> csv = engine.send("GET", "/v1/reports/codes?format=csv", EngineUnderTest.SUPERVISOR, null);
    assertThat(csv.body()).startsWith("kind,code,en,zh-CN,seconds,contacts,share\r\n")
        .contains("disposition,sale,Sale,产品销售,,1,100.0");
    problem(engine.send("GET", "/v1/reports/codes", EngineUnderTest.A1, null), 403);
  }
}

package dev.contactrouter.console;

import static dev.contactrouter.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.RouterApp;
import dev.contactrouter.config.RouterConfig;
import dev.contactrouter.config.Setting;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * The console in 简体中文 says in Chinese what the engine words in English: a supervisor sees a
 * contact held for compliance review with its hold reasons from the console's own table (the
 * engine gives them as codes with parameters), and its history's times in the Chinese format.
 */
@DisabledIfSystemProperty(named = ConsoleBrowserIT.SKIP_PROPERTY, matches = "true",
    disabledReason = "skipped on request: the console's browser tests")
class ConsoleLanguageIT {
  private static final String ADMIN_KEY = "it-admin-key-0001";
  private static final String TELEPHONY_KEY = "it-telephony-key-0001";

  private static Vertx vertx;
  private static RouterApp app;
  private static WebClient client;
  private static Browser browser;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    RouterConfig config = RouterConfig.from(new JsonObject()
        .put(Setting.HTTP_PORT.env(), 0)
        .put(Setting.HTTP_HOST.env(), "127.0.0.1")
        .put(Setting.API_KEYS.env(), ADMIN_KEY + "=admin," + TELEPHONY_KEY + "=telephony")
        .put(Setting.USERS.env(), "zhou:zhou-secret-1:supervisor"));
    app = await(RouterApp.start(vertx, config));
    client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(app.httpPort()));
    browser = Browser.start("language");
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (app != null) {
      await(app.stop());
    }
    if (vertx != null) {
      await(vertx.close());
    }
  }

  @Test
  void aHeldContactsReasonsAndItsHistoryReadInChinese() {
    await(Future.all(
        client.put("/v1/queues/advice").bearerTokenAuthentication(ADMIN_KEY).sendJsonObject(new JsonObject()
            .put("name", "Fund advice").put("channel", "voice")),
        client.put("/v1/queues/review").bearerTokenAuthentication(ADMIN_KEY).sendJsonObject(new JsonObject()
            .put("name", "Compliance review").put("channel", "voice"))));
    await(client.put("/v1/rules").bearerTokenAuthentication(ADMIN_KEY)
        .sendJsonObject(new JsonObject().put("reviewQueue", "review")).map(r -> expect(r, 200)));
    // An R4 product for a C3 customer is unsuitable: the contact waits in the review queue.
    JsonObject held = await(client.post("/v1/contacts").bearerTokenAuthentication(TELEPHONY_KEY)
        .sendJsonObject(new JsonObject().put("channel", "voice").put("queue", "advice")
            .put("product", new JsonObject().put("code", "F-300").put("riskLevel", 4))
            .put("customer", new JsonObject().put("id", "cust-9").put("name", "Zhou Lan").put("riskLevel", 3)))
        .map(r -> expect(r, 201)));
    assertThat(held.getJsonObject("routing").getJsonArray("reasonCodes").getJsonObject(0).getString("code"))
        .isEqualTo("gate.unsuitable");

    browser.open("http://127.0.0.1:" + app.httpPort() + "/", "zh-CN");
    browser.signIn("zhou", "zhou-secret-1");
    String row = "[data-testid='waiting-row'][data-contact='" + held.getString("id") + "'][data-held='true'] ";
    String reasons = browser.textOf(row + "[data-testid='waiting-reasons']");
    assertThat(reasons).contains("不适当：客户风险等级 C3 低于产品 F-300 的风险等级 R4")
        .contains("在复核队列“review”中等待复核");
    assertThat(reasons).doesNotContain("unsuitable", "customer risk level", "held for review", "offered to no agent");
    assertThat(browser.textOf(row + "[data-testid='waiting-queue']")).isEqualTo("Compliance review");
    browser.screenshot("supervisor-held-chinese");

    browser.waitFor(d -> d.findElement(By.cssSelector(row + "[data-testid='waiting-history']"))).sendKeys(Keys.ENTER);
    String checked = "[data-testid='history-event'][data-type='compliance_checked'] ";
    assertThat(browser.textOf(checked + "[data-testid='history-reasons']")).contains("不适当").doesNotContain("unsuitable");
    // A time as Chinese writes it (2026/1/6 09:00:00), not the US form (1/6/26, 9:00:00 AM).
    String when = browser.textOf(checked + "td.when");
    assertThat(when).matches("\\d{4}/\\d{1,2}/\\d{1,2} \\d{2}:\\d{2}:\\d{2}").doesNotContain("AM", "PM");
    browser.screenshot("supervisor-history-chinese");
  }

  private static JsonObject expect(HttpResponse<Buffer> r, int status) {
    assertThat(r.statusCode()).as("HTTP %s: %s", r.statusCode(), r.bodyAsString()).isEqualTo(status);
    return r.bodyAsJsonObject();
  }
}

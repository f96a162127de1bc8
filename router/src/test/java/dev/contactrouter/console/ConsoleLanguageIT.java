package dev.contactrouter.console;

import static dev.contactrouter.testing.EngineUnderTest.ADMIN;
import static dev.contactrouter.testing.EngineUnderTest.TELEPHONY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.testing.EngineUnderTest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AutoClose;
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
  @AutoClose
  private static EngineUnderTest engine;
  @AutoClose
  private static Browser browser;

  @BeforeAll
  static void start() throws Exception {
    engine = EngineUnderTest.start(new JsonObject());
    browser = Browser.start("language");
  }

  @Test
  void aHeldContactsReasonsAndItsHistoryReadInChinese() {
    engine.ok("PUT", "/v1/queues/advice", ADMIN, new JsonObject().put("name", "Fund advice").put("channel", "voice"));
    engine.ok("PUT", "/v1/queues/review", ADMIN, new JsonObject().put("name", "Compliance review").put("channel", "voice"));
    engine.ok("PUT", "/v1/rules", ADMIN, new JsonObject().put("reviewQueue", "review"));
    // An R4 product for a C3 customer is unsuitable: the contact waits in the review queue.
    JsonObject held = engine.ok("POST", "/v1/contacts", TELEPHONY, new JsonObject().put("channel", "voice").put("queue", "advice")
        .put("product", new JsonObject().put("code", "F-300").put("riskLevel", 4))
        .put("customer", new JsonObject().put("id", "cust-9").put("name", "Zhou Lan").put("riskLevel", 3)));
    assertThat(held.getJsonObject("routing").getJsonArray("reasonCodes").getJsonObject(0).getString("code"))
        .isEqualTo("gate.unsuitable");

    browser.open("http://127.0.0.1:" + engine.port() + "/", "zh-CN");
    browser.signIn("zhou", "pw-zhou-123");
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
}

package dev.contactrouter.console;

import static dev.contactrouter.testing.EngineUnderTest.A2;
import static dev.contactrouter.testing.EngineUnderTest.ADMIN;
import static dev.contactrouter.testing.EngineUnderTest.BOARD_HQ;
import static dev.contactrouter.testing.EngineUnderTest.TELEPHONY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.testing.EngineUnderTest;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The branch board in a real browser at 1920 × 1080, the size of the screen it hangs on, against an
 * {@link EngineUnderTest} (its keys, and one for agent a3). One story in order: the display is set
 * up with its site and board key; a ticket called to a counter shows there, with the counter's label
 * and never the agent's name; a ticket number too long for its box still sits on one line; a reload
 * shows the same board, read from the engine; a completed ticket leaves the board by itself; a
 * display set up through the address fragment keeps no key in the address. Every wait is bounded;
 * the screenshots are in target/screenshots/board, the full-screen one also at
 * target/board-1920x1080.png.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisabledIfSystemProperty(named = Chromium.SKIP_PROPERTY, matches = "true",
    disabledReason = "skipped on request (-D" + Chromium.SKIP_PROPERTY + "=true): the console's browser tests")
class BoardBrowserIT {
  private static final String A3_KEY = "it-agent-a3-key-0001";
  private static final String LONG_TICKET = "VIP-20260106-000123";

  @AutoClose
  private static EngineUnderTest engine;
  @AutoClose
  private static Browser browser;
  private static WebDriver driver;
  private static String first;

  @BeforeAll
  static void startEngineAndBrowser() throws Exception {
    engine = EngineUnderTest.start(new JsonObject().put("ROUTER_API_KEYS",
        EngineUnderTest.defaults().getString("ROUTER_API_KEYS") + "," + A3_KEY + "=agent:a3"));
    configureBranch();
    browser = Browser.start("board", 1920, 1080);
    driver = browser.driver;
    // The page itself 1920 × 1080, as on the display (the window's size includes the browser's bars).
    ((ChromeDriver) driver).executeCdpCommand("Emulation.setDeviceMetricsOverride",
        Map.of("width", 1920, "height", 1080, "deviceScaleFactor", 1, "mobile", false));
  }

  @Test
  @Order(1)
  void theDisplayIsSetUpWithItsSiteAndBoardKey() {
    browser.open(base() + "/board.html", "en");
    browser.visible("login-submit");
    // A wrong key is refused and the form says so.
    setUp("hq", "not-a-board-key-000");
    browser.waitFor(d -> !browser.byId("login-error").getText().isEmpty());
    assertThat(browser.byId("login-error").getText()).contains("not accepted");
    setUp("hq", BOARD_HQ);
    browser.waitFor(d -> "online".equals(browser.byId("conn-status").getAttribute("data-state")));
    assertThat(browser.byId("board-site").getText()).isEqualTo("Site hq");
    assertThat(driver.findElements(By.cssSelector("[data-testid='board-queue']"))).hasSize(2);
    assertThat(waitingCount("counter")).isZero();
    assertThat(browser.byId("board-calling").getText()).contains("Waiting for the first call");
    browser.screenshot("board-empty");
  }

  @Test
  @Order(2)
  void aTicketCalledToACounterShowsThereUnderTheCountersLabel() {
    first = ticket("A017");
    ticket(LONG_TICKET);
    browser.waitFor(d -> waitingCount("counter") == 2);
    assertThat(browser.byId("board-next").getText()).contains("A017").contains(LONG_TICKET);

    call("a2", A2);
    browser.waitFor(d -> ticketsShown().equals(List.of("A017")));
    assertThat(browser.byId("board-counter-name").getText()).isEqualTo("Counter 3");
    assertThat(browser.byId("board-calling-ticket").getText()).isEqualTo("A017");
    assertThat(waitingCount("counter")).isEqualTo(1);
    String page = driver.findElement(By.tagName("body")).getText();
    assertThat(page).doesNotContain("Zhang Min").doesNotContain("Liu Yang").doesNotContain("a2");
  }

  @Test
  @Order(3)
  void aLongTicketNumberStaysOnOneLineAndTheBoardFillsTheScreen() {
    call("a3", A3_KEY);
    browser.waitFor(d -> ticketsShown().equals(List.of(LONG_TICKET, "A017")));
    assertThat(browser.byId("board-calling-ticket").getText()).isEqualTo(LONG_TICKET);
    assertThat(browser.number("return window.innerWidth")).isEqualTo(1920);
    assertThat(browser.number("return window.innerHeight")).isEqualTo(1080);
    // Every ticket and label on one line, whole (shrunk to fit rather than cut), in a box no wider than its column.
    List<?> boxes = (List<?>) browser.script("return [...document.querySelectorAll('#board-view .fit')].map((el) => {"
        + " const cs = getComputedStyle(el); const lines = el.getBoundingClientRect().height / parseFloat(cs.lineHeight);"
        + " return {text: el.textContent, whiteSpace: cs.whiteSpace, overflow: el.scrollWidth - el.clientWidth,"
        + " lines: lines, font: parseFloat(cs.fontSize)}; })");
    assertThat(boxes).hasSizeGreaterThanOrEqualTo(7);
    for (Object o : boxes) {
      @SuppressWarnings("unchecked")
      Map<String, Object> box = (Map<String, Object>) o;
      assertThat(box.get("whiteSpace")).as("white-space of %s", box.get("text")).isEqualTo("nowrap");
      assertThat(((Number) box.get("overflow")).doubleValue()).as("overflow of %s", box.get("text")).isLessThanOrEqualTo(1);
      assertThat(((Number) box.get("lines")).doubleValue()).as("lines of %s", box.get("text")).isLessThan(1.5);
    }
    // Type that reads from across a room: an ordinary ticket is over 60 px high, a long one is shrunk
    // only as far as it must be and stays over 28 px; the line called last is larger still.
    assertThat(browser.number("return parseFloat(getComputedStyle(document.querySelector("
        + "'[data-testid=board-counter][data-ticket=A017] [data-testid=board-ticket]')).fontSize)")).isGreaterThan(60);
    assertThat(browser.number("return Math.min(...[...document.querySelectorAll('#board-view .fit')]"
        + ".map((el) => parseFloat(getComputedStyle(el).fontSize)))")).isGreaterThan(28);
    assertThat(browser.number("return parseFloat(getComputedStyle(document.querySelector('.calling-counter')).fontSize)"))
        .isGreaterThan(90);
    // Nothing scrolls: the board fits the screen.
    assertThat(browser.number("return document.documentElement.scrollHeight")).isLessThanOrEqualTo(1080);
    assertThat(browser.number("return document.documentElement.scrollWidth")).isLessThanOrEqualTo(1920);
    Path full = browser.screenshot("board-serving");
    try {
      Files.copy(full, Paths.get("target/board-1920x1080.png"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new AssertionError("could not copy the screenshot", e);
    }
  }

  @Test
  @Order(4)
  void aReloadShowsTheBoardAsTheEngineHoldsIt() {
    driver.navigate().refresh();
    browser.waitFor(d -> "online".equals(browser.byId("conn-status").getAttribute("data-state")));
    browser.waitFor(d -> ticketsShown().equals(List.of(LONG_TICKET, "A017")));
    assertThat(browser.byId("board-calling-ticket").getText()).isEqualTo(LONG_TICKET);
  }

  @Test
  @Order(5)
  void aCompletedTicketLeavesTheBoardByItself() {
    engine.ok("POST", "/v1/contacts/" + first + "/complete", A2, new JsonObject().put("disposition", "resolved"));
    browser.waitFor(d -> ticketsShown().equals(List.of(LONG_TICKET)));
    browser.screenshot("board-after-completion");
    browser.language("zh-CN");
    browser.waitFor(d -> ticketsShown().equals(List.of(LONG_TICKET)));
    assertThat(driver.findElement(By.cssSelector("#serving-h")).getText()).isEqualTo("正在办理");
    assertThat(browser.byId("board-calling").getAttribute("aria-label")).contains(LONG_TICKET).contains("贵宾 12");
    browser.screenshot("board-zh");
  }

  @Test
  @Order(6)
  void aDisplaySetUpThroughTheAddressKeepsNoKeyInTheAddress() {
    browser.byId("logout").click();
    browser.visible("login-submit");
    assertThat(browser.script("return localStorage.getItem('board.display')")).isNull();
    driver.get("about:blank"); // else only the fragment changes, and the page is not loaded again
    driver.get(base() + "/board.html#site=hq&key=" + BOARD_HQ);
    browser.waitFor(d -> ticketsShown().equals(List.of(LONG_TICKET)));
    assertThat(driver.getCurrentUrl()).doesNotContain(BOARD_HQ).doesNotContain("#");
  }

  // ------------------------------------------------------------------ the branch

  private static void configureBranch() {
    JsonObject branchOnly = new JsonObject().put("branch", 1).put("voice", 0).put("chat", 0).put("email", 0).put("callback", 0);
    engine.ok("PUT", "/v1/queues/counter", ADMIN, new JsonObject().put("name", "Accounts and cards").put("channel", "branch")
        .put("site", "hq").put("offerTimeoutSeconds", 300).put("wrapUpSeconds", 0));
    engine.ok("PUT", "/v1/queues/wealth", ADMIN, new JsonObject().put("name", "Wealth management").put("channel", "branch")
        .put("site", "hq").put("skills", new JsonObject().put("wealth", 3)));
    engine.ok("PUT", "/v1/agents/a2", ADMIN, new JsonObject().put("name", "Zhang Min").put("site", "hq")
        .put("counter", "Counter 3").put("capacity", branchOnly));
    engine.ok("PUT", "/v1/agents/a3", ADMIN, new JsonObject().put("name", "Liu Yang").put("site", "hq")
        .put("counter", "贵宾 12").put("capacity", branchOnly));
  }

  private static String ticket(String number) {
    return engine.ok("POST", "/v1/contacts", TELEPHONY, new JsonObject().put("channel", "branch").put("queue", "counter")
        .put("externalId", number).put("customer", new JsonObject().put("name", "Zhao Min"))).getString("id");
  }

  /** The agent goes available and accepts the offer it gets. */
  private static void call(String agentId, String key) {
    JsonObject agent = engine.ok("PUT", "/v1/agents/" + agentId + "/status", key, new JsonObject().put("status", "available"));
    String offerId = agent.getJsonArray("offers").getJsonObject(0).getString("offerId");
    engine.ok("POST", "/v1/offers/" + offerId + "/accept", key, null);
  }

  // ------------------------------------------------------------------ the page

  private static void setUp(String site, String key) {
    WebElement siteInput = browser.byId("board-site-input");
    siteInput.clear();
    siteInput.sendKeys(site);
    WebElement keyInput = browser.byId("board-key-input");
    keyInput.clear();
    keyInput.sendKeys(key);
    browser.byId("login-submit").click();
  }

  private static List<String> ticketsShown() {
    return driver.findElements(By.cssSelector("[data-testid='board-ticket']")).stream().map(WebElement::getText).toList();
  }

  private static int waitingCount(String queue) {
    List<WebElement> found = driver.findElements(By.cssSelector("[data-testid='board-queue'][data-queue='" + queue
        + "'] [data-testid='board-waiting-count']"));
    return found.isEmpty() ? -1 : Integer.parseInt(found.get(0).getText().trim());
  }

  private static String base() {
    return "http://127.0.0.1:" + engine.port();
  }
}

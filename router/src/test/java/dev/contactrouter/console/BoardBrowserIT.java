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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The branch board in a real browser at 1920 × 1080, the size of the screen it hangs on, against an
 * engine started in-process on a free loopback port. One story in order: the display is set up
 * with its site and board key; a ticket called to a counter shows there, with the counter's label
 * and never the agent's name; a ticket number too long for its box still sits on one line; a reload
 * shows the same board, read from the engine; a completed ticket leaves the board by itself; a
 * display set up through the address fragment keeps no key in the address. Every wait is bounded;
 * the screenshots are in target/board-screenshots, the full-screen one also at
 * target/board-1920x1080.png.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisabledIfSystemProperty(named = Chromium.SKIP_PROPERTY, matches = "true",
    disabledReason = "skipped on request (-D" + Chromium.SKIP_PROPERTY + "=true): the console's browser tests")
class BoardBrowserIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String ADMIN_KEY = "it-admin-key-0001";
  private static final String TELEPHONY_KEY = "it-telephony-key-0001";
  private static final String A2_KEY = "it-agent-a2-key-0001";
  private static final String A3_KEY = "it-agent-a3-key-0001";
  private static final String BOARD_KEY = "it-board-hq-key-0001";
  private static final String LONG_TICKET = "VIP-20260106-000123";

  private static Vertx vertx;
  private static RouterApp app;
  private static WebClient client;
  private static WebDriver driver;
  private static Path shots;
  private static int shot;
  private static String first;

  @BeforeAll
  static void startEngineAndBrowser() throws Exception {
    shots = Chromium.freshDirectory(Paths.get("target/board-screenshots"));
    vertx = Vertx.vertx();
    RouterConfig config = RouterConfig.from(new JsonObject()
        .put(Setting.HTTP_PORT.env(), 0)
        .put(Setting.HTTP_HOST.env(), "127.0.0.1")
        .put(Setting.API_KEYS.env(), ADMIN_KEY + "=admin," + TELEPHONY_KEY + "=telephony," + A2_KEY + "=agent:a2,"
            + A3_KEY + "=agent:a3," + BOARD_KEY + "=board:hq"));
    app = await(RouterApp.start(vertx, config));
    client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(app.httpPort()));
    configureBranch();
    driver = Chromium.start(1920, 1080, WAIT);
    // The page itself 1920 × 1080, as on the display (the window's size includes the browser's bars).
    ((ChromeDriver) driver).executeCdpCommand("Emulation.setDeviceMetricsOverride",
        Map.of("width", 1920, "height", 1080, "deviceScaleFactor", 1, "mobile", false));
  }

  @AfterAll
  static void stopAll() throws Exception {
    if (driver != null) {
      driver.quit();
    }
    if (app != null) {
      await(app.stop());
    }
    if (vertx != null) {
      await(vertx.close());
    }
  }

  @Test
  @Order(1)
  void theDisplayIsSetUpWithItsSiteAndBoardKey() {
    driver.get(base() + "/board.html");
    script("localStorage.setItem('console.lang', 'en')");
    driver.navigate().refresh();
    waitFor(visible("login-submit"));
    // A wrong key is refused and the form says so.
    setUp("hq", "not-a-board-key-000");
    waitFor(d -> !byId("login-error").getText().isEmpty());
    assertThat(byId("login-error").getText()).contains("not accepted");
    setUp("hq", BOARD_KEY);
    waitFor(d -> "online".equals(byId("conn-status").getAttribute("data-state")));
    assertThat(byId("board-site").getText()).isEqualTo("Site hq");
    assertThat(driver.findElements(By.cssSelector("[data-testid='board-queue']"))).hasSize(2);
    assertThat(waitingCount("counter")).isZero();
    assertThat(byId("board-calling").getText()).contains("Waiting for the first call");
    screenshot("board-empty");
  }

  @Test
  @Order(2)
  void aTicketCalledToACounterShowsThereUnderTheCountersLabel() {
    first = ticket("A017");
    ticket(LONG_TICKET);
    waitFor(d -> waitingCount("counter") == 2);
    assertThat(byId("board-next").getText()).contains("A017").contains(LONG_TICKET);

    call("a2", A2_KEY);
    waitFor(d -> ticketsShown().equals(List.of("A017")));
    assertThat(byId("board-counter-name").getText()).isEqualTo("Counter 3");
    assertThat(byId("board-calling-ticket").getText()).isEqualTo("A017");
    assertThat(waitingCount("counter")).isEqualTo(1);
    String page = driver.findElement(By.tagName("body")).getText();
    assertThat(page).doesNotContain("Zhang Min").doesNotContain("Liu Yang").doesNotContain("a2");
  }

  @Test
  @Order(3)
  void aLongTicketNumberStaysOnOneLineAndTheBoardFillsTheScreen() {
    call("a3", A3_KEY);
    waitFor(d -> ticketsShown().equals(List.of(LONG_TICKET, "A017")));
    assertThat(byId("board-calling-ticket").getText()).isEqualTo(LONG_TICKET);
    assertThat(number("return window.innerWidth")).isEqualTo(1920);
    assertThat(number("return window.innerHeight")).isEqualTo(1080);
    // Every ticket and label on one line, whole (shrunk to fit rather than cut), in a box no wider than its column.
    List<?> boxes = (List<?>) script("return [...document.querySelectorAll('#board-view .fit')].map((el) => {"
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
    assertThat(number("return parseFloat(getComputedStyle(document.querySelector("
        + "'[data-testid=board-counter][data-ticket=A017] [data-testid=board-ticket]')).fontSize)")).isGreaterThan(60);
    assertThat(number("return Math.min(...[...document.querySelectorAll('#board-view .fit')]"
        + ".map((el) => parseFloat(getComputedStyle(el).fontSize)))")).isGreaterThan(28);
    assertThat(number("return parseFloat(getComputedStyle(document.querySelector('.calling-counter')).fontSize)"))
        .isGreaterThan(90);
    // Nothing scrolls: the board fits the screen.
    assertThat(number("return document.documentElement.scrollHeight")).isLessThanOrEqualTo(1080);
    assertThat(number("return document.documentElement.scrollWidth")).isLessThanOrEqualTo(1920);
    Path full = screenshot("board-serving");
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
    waitFor(d -> "online".equals(byId("conn-status").getAttribute("data-state")));
    waitFor(d -> ticketsShown().equals(List.of(LONG_TICKET, "A017")));
    assertThat(byId("board-calling-ticket").getText()).isEqualTo(LONG_TICKET);
  }

  @Test
  @Order(5)
  void aCompletedTicketLeavesTheBoardByItself() {
    await(client.post("/v1/contacts/" + first + "/complete").bearerTokenAuthentication(A2_KEY)
        .sendJsonObject(new JsonObject().put("disposition", "resolved")).map(r -> expect(r, 200)));
    waitFor(d -> ticketsShown().equals(List.of(LONG_TICKET)));
    screenshot("board-after-completion");
    script("localStorage.setItem('console.lang', 'zh-CN')");
    driver.navigate().refresh();
    waitFor(d -> ticketsShown().equals(List.of(LONG_TICKET)));
    assertThat(driver.findElement(By.cssSelector("#serving-h")).getText()).isEqualTo("正在办理");
    assertThat(byId("board-calling").getAttribute("aria-label")).contains(LONG_TICKET).contains("贵宾 12");
    screenshot("board-zh");
  }

  @Test
  @Order(6)
  void aDisplaySetUpThroughTheAddressKeepsNoKeyInTheAddress() {
    byId("logout").click();
    waitFor(visible("login-submit"));
    assertThat(script("return localStorage.getItem('board.display')")).isNull();
    driver.get("about:blank"); // else only the fragment changes, and the page is not loaded again
    driver.get(base() + "/board.html#site=hq&key=" + BOARD_KEY);
    waitFor(d -> ticketsShown().equals(List.of(LONG_TICKET)));
    assertThat(driver.getCurrentUrl()).doesNotContain(BOARD_KEY).doesNotContain("#");
  }

  // ------------------------------------------------------------------ the branch

  private static void configureBranch() {
    JsonObject branchOnly = new JsonObject().put("branch", 1).put("voice", 0).put("chat", 0).put("email", 0).put("callback", 0);
    await(Future.all(List.of(
        put("/v1/queues/counter", new JsonObject().put("name", "Accounts and cards").put("channel", "branch")
            .put("site", "hq").put("offerTimeoutSeconds", 300).put("wrapUpSeconds", 0)),
        put("/v1/queues/wealth", new JsonObject().put("name", "Wealth management").put("channel", "branch")
            .put("site", "hq").put("skills", new JsonObject().put("wealth", 3))),
        put("/v1/agents/a2", new JsonObject().put("name", "Zhang Min").put("site", "hq").put("counter", "Counter 3")
            .put("capacity", branchOnly)),
        put("/v1/agents/a3", new JsonObject().put("name", "Liu Yang").put("site", "hq").put("counter", "贵宾 12")
            .put("capacity", branchOnly)))));
  }

  private static Future<JsonObject> put(String path, JsonObject body) {
    return client.put(path).bearerTokenAuthentication(ADMIN_KEY).sendJsonObject(body).map(r -> expect(r, 200));
  }

  private static String ticket(String number) {
    return await(client.post("/v1/contacts").bearerTokenAuthentication(TELEPHONY_KEY)
        .sendJsonObject(new JsonObject().put("channel", "branch").put("queue", "counter").put("externalId", number)
            .put("customer", new JsonObject().put("name", "Zhao Min")))
        .map(r -> expect(r, 201))).getString("id");
  }

  /** The agent goes available and accepts the offer it gets. */
  private static void call(String agentId, String key) {
    await(client.put("/v1/agents/" + agentId + "/status").bearerTokenAuthentication(key)
        .sendJsonObject(new JsonObject().put("status", "available")).map(r -> expect(r, 200)));
    JsonObject agent = await(client.get("/v1/agents/" + agentId).bearerTokenAuthentication(key).send().map(r -> expect(r, 200)));
    String offerId = agent.getJsonArray("offers").getJsonObject(0).getString("offerId");
    await(client.post("/v1/offers/" + offerId + "/accept").bearerTokenAuthentication(key).send().map(r -> expect(r, 200)));
  }

  private static JsonObject expect(HttpResponse<Buffer> r, int status) {
    assertThat(r.statusCode()).as("HTTP %s: %s", r.statusCode(), r.bodyAsString()).isEqualTo(status);
    return r.bodyAsJsonObject();
  }

  // ------------------------------------------------------------------ the page

  private static void setUp(String site, String key) {
    WebElement siteInput = byId("board-site-input");
    siteInput.clear();
    siteInput.sendKeys(site);
    WebElement keyInput = byId("board-key-input");
    keyInput.clear();
    keyInput.sendKeys(key);
    byId("login-submit").click();
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
    return "http://127.0.0.1:" + app.httpPort();
  }

  private static WebElement byId(String testid) {
    return driver.findElement(By.cssSelector("[data-testid='" + testid + "']"));
  }

  private static Object script(String js) {
    return ((JavascriptExecutor) driver).executeScript(js);
  }

  private static double number(String js) {
    return ((Number) script(js)).doubleValue();
  }

  private static Function<WebDriver, WebElement> visible(String testid) {
    return ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid='" + testid + "']"))::apply;
  }

  private static <T> T waitFor(Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, WAIT).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(condition::apply);
  }

  private static Path screenshot(String name) {
    try {
      Path target = shots.resolve(String.format("%02d-%s.png", ++shot, name));
      Path png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
      Files.copy(png, target, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new AssertionError("could not save screenshot " + name, e);
    }
  }
}

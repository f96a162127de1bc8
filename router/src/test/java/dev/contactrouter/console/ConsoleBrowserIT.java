package dev.contactrouter.console;

import static dev.contactrouter.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.RouterApp;
import dev.contactrouter.config.RouterConfig;
import dev.contactrouter.config.Setting;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
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
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser: Debian's headless Chromium, driven through its own chromedriver
 * (nothing is downloaded), against an engine started in-process on a free loopback port. One
 * story in order: an agent signs in, goes available, gets an offer for a contact created through
 * the API, accepts, wraps up and completes; the supervisor's wallboard counts move; the language
 * switch changes the labels; the engine stops and comes back and the console shows it is offline,
 * then recovers by itself; then, on the restarted engine, the agent works a complaint case's
 * intake item through the case panel, and the supervisor sees a case near its deadline, a contact
 * held for compliance review and that contact's history. Every wait is bounded, and each step
 * leaves a screenshot in target/screenshots. The branch board has a story of its own: {@link
 * BoardBrowserIT}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisabledIfSystemProperty(named = ConsoleBrowserIT.SKIP_PROPERTY, matches = "true",
    disabledReason = "skipped on request (-D" + ConsoleBrowserIT.SKIP_PROPERTY + "=true): the console's browser tests")
class ConsoleBrowserIT {
  /** Set ({@code -Dskip.browser=true}) to skip these tests visibly on a machine without Chromium. */
  static final String SKIP_PROPERTY = Chromium.SKIP_PROPERTY;
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Duration RECOVERY = Duration.ofSeconds(45);

  private static final String ADMIN_KEY = "it-admin-key-0001";
  private static final String TELEPHONY_KEY = "it-telephony-key-0001";
  private static final String A2_KEY = "it-agent-a2-key-0001";
  private static final String SUPERVISOR_KEY = "it-supervisor-key-0001";
  private static final String SECRET = "browser-test-secret-0123456789-abcdefgh";

  private static Vertx vertx;
  private static RouterConfig config;
  private static RouterApp app;
  private static WebClient client;
  private static WebDriver driver;
  private static String agentWindow;
  private static String supervisorWindow;
  private static Path shots;
  private static int shot;
  private static String contactId;
  private static int answeredBefore;
  private static int completedBefore;
  private static String heldContactId;
  private static String caseId;
  private static String availableSince;

  @BeforeAll
  static void startEngineAndBrowser() throws Exception {
    shots = Chromium.freshDirectory(Paths.get(System.getProperty("screenshots.dir", "target/screenshots")));

    vertx = Vertx.vertx();
    config = RouterConfig.from(new JsonObject()
        .put(Setting.HTTP_PORT.env(), 0)
        .put(Setting.HTTP_HOST.env(), "127.0.0.1")
        .put(Setting.API_KEYS.env(), ADMIN_KEY + "=admin," + TELEPHONY_KEY + "=telephony," + A2_KEY + "=agent:a2,"
            + SUPERVISOR_KEY + "=supervisor")
        .put(Setting.USERS.env(), "li:li-secret-1:agent:a1,zhou:zhou-secret-1:supervisor")
        // A fixed secret, so the console's token is still accepted by the restarted engine.
        .put(Setting.JWT_SECRET.env(), SECRET));
    app = await(RouterApp.start(vertx, config));
    config = config.withHttpPort(app.httpPort());
    client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(app.httpPort()));
    configureCentre();

    driver = Chromium.start(1280, 800, WAIT);
    agentWindow = driver.getWindowHandle();
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

  // ------------------------------------------------------------------ the story

  @Test
  @Order(1)
  void anAgentSignsInAndGoesAvailable() {
    driver.switchTo().window(agentWindow);
    driver.get(base() + "/");
    setLanguage("en");
    waitFor(visible("login-submit"));
    screenshot("agent-login");
    signIn("li", "li-secret-1");
    waitFor(d -> "offline".equals(byId("agent-state").getAttribute("data-state")));
    assertThat(byId("whoami").getText()).contains("li");
    screenshot("agent-signed-in");

    byId("state-available").click();
    waitFor(d -> "available".equals(byId("agent-state").getAttribute("data-state")));
    waitFor(d -> "online".equals(byId("conn-status").getAttribute("data-state")));
    availableSince = agentJson("a1").getString("statusSince");
    screenshot("agent-available");

    // A favicon, linked from the page and served (no 404 in the log), and no empty band under the top bar.
    assertThat(driver.findElement(By.cssSelector("link[rel='icon']")).getAttribute("href")).endsWith("/favicon.svg");
    HttpResponse<Buffer> icon = await(client.get("/favicon.svg").send());
    assertThat(icon.statusCode()).isEqualTo(200);
    assertThat(icon.getHeader("Content-Type")).startsWith("image/svg+xml");
    assertThat(number("return document.querySelector('main').getBoundingClientRect().top"
        + " - document.querySelector('.topbar').getBoundingClientRect().bottom")).isLessThanOrEqualTo(16);

    // Sound and notifications are the agent's to switch off, and stay so across a reload.
    assertThat(byId("ring-sound").isSelected()).isTrue();
    byId("ring-sound").click();
    assertThat(script("return localStorage.getItem('console.ring.sound')")).isEqualTo("off");
    driver.navigate().refresh();
    waitFor(d -> "available".equals(byId("agent-state").getAttribute("data-state")));
    assertThat(byId("ring-sound").isSelected()).isFalse();
    byId("ring-sound").click();
    assertThat(script("return localStorage.getItem('console.ring.sound')")).isEqualTo("on");
    // Notifications ask the browser's permission when switched on (granted here, as a user would).
    ((ChromeDriver) driver).executeCdpCommand("Browser.grantPermissions",
        Map.of("origin", base(), "permissions", List.of("notifications")));
    if (!byId("ring-notify").isSelected()) {
      byId("ring-notify").click();
    }
    waitFor(d -> "on".equals(script("return localStorage.getItem('console.ring.notify')")));
    assertThat(byId("ring-notify").isSelected()).isTrue();
    assertThat(byId("ring-note").isDisplayed()).isFalse();
  }

  @Test
  @Order(2)
  void theSupervisorSeesTheWallboard() {
    driver.switchTo().newWindow(WindowType.WINDOW);
    supervisorWindow = driver.getWindowHandle();
    driver.get(base() + "/");
    waitFor(visible("login-submit"));
    signIn("zhou", "zhou-secret-1");
    WebElement card = waitFor(d -> queueCard("online-funds"));
    assertThat(card.findElement(By.cssSelector("h3")).getText()).isEqualTo("Online funds");
    answeredBefore = stat("online-funds", "stat-answered");
    completedBefore = stat("online-funds", "stat-completed");
    waitFor(d -> !d.findElements(By.cssSelector("[data-testid='agent-row'][data-agent='a1']")).isEmpty());
    // The live section has the waiting contacts and the cases near breach in the first screen.
    assertThat(byId("waiting-panel").isDisplayed()).isTrue();
    assertThat(number("return document.querySelector('[data-testid=waiting-panel]').getBoundingClientRect().top"))
        .isLessThan(number("return window.innerHeight"));
    assertThat(number("return document.querySelector('[data-testid=cases-panel]').getBoundingClientRect().top"))
        .isLessThan(number("return window.innerHeight"));
    assertThat(byId("agents-panel").isDisplayed()).as("agents are a section of their own").isFalse();
    // The card's flag and its near-breach figure are named apart.
    assertThat(queueCard("online-funds").findElement(By.xpath(".//dd[@data-testid='stat-near-breach']/preceding-sibling::dt[1]"))
        .getText()).isEqualTo("Near SLA deadline");
    screenshot("supervisor-wallboard-before");
  }

  @Test
  @Order(3)
  void anOfferArrivesAndTheAgentAcceptsIt() {
    JsonObject created = await(client.post("/v1/contacts").bearerTokenAuthentication(TELEPHONY_KEY)
        .sendJsonObject(new JsonObject()
            .put("channel", "chat")
            .put("queue", "online-funds")
            .put("skills", new JsonObject().put("funds", 1))
            .put("customer", new JsonObject().put("id", "cust-42").put("name", "Wang Xiuying").put("tier", "vip").put("riskLevel", 3))
            .put("externalId", "chat-0042"))
        .map(r -> expect(r, 201)));
    contactId = created.getString("id");

    driver.switchTo().window(agentWindow);
    WebElement accept = waitFor(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-testid='offer-accept']")));
    assertThat(byId("offer-customer").getText()).isEqualTo("Wang Xiuying");
    assertThat(byId("offer-tier").getText()).isEqualTo("VIP");
    assertThat(byId("offer-risk").getText()).as("a customer's risk scale is C1–C5").isEqualTo("C3");
    assertThat(byId("offer-queue").getText()).isEqualTo("online-funds");
    waitFor(d -> byId("offer-countdown").getText().matches("\\d+ s left"));
    // It rings: a tone, a notification, and the tab's title flashing while the offer is pending.
    waitFor(d -> number("return Number(document.body.dataset.rings || 0)") >= 1);
    waitFor(d -> number("return Number(document.body.dataset.notified || 0)") >= 1);
    waitFor(d -> d.getTitle().startsWith("🔔 New chat contact"));
    waitFor(d -> d.getTitle().equals("Contact centre console"));
    // The state began with the offer, not when the agent went available.
    JsonObject ringing = agentJson("a1");
    assertThat(Instant.parse(ringing.getString("statusSince"))).isAfter(Instant.parse(availableSince));
    assertThat(byId("agent-state-since").getAttribute("data-since"))
        .isEqualTo(String.valueOf(Instant.parse(ringing.getString("statusSince")).toEpochMilli()));
    // The shortcut is on the button, and accepts from anywhere on the page.
    assertThat(accept.getAttribute("aria-keyshortcuts")).isEqualTo("Alt+A");
    assertThat(byId("offer-accept-key").getText()).isEqualTo("Alt+A");
    screenshot("agent-offer");

    new Actions(driver).keyDown(Keys.ALT).sendKeys("a").keyUp(Keys.ALT).perform();
    waitFor(visible("contact-tab"));
    waitFor(d -> "Wang Xiuying".equals(byId("customer-name").getText()));
    assertThat(driver.findElements(By.cssSelector("[data-testid='offer']"))).isEmpty();
    assertThat(byId("contact-external-id").getText()).isEqualTo("chat-0042");
    assertThat(byId("customer-risk").getText()).isEqualTo("C3");
    waitFor(d -> d.getTitle().equals("Contact centre console") && d.findElement(By.tagName("body")).getAttribute("data-ringing") == null);
    JsonObject assigned = agentJson("a1");
    assertThat(Instant.parse(assigned.getString("statusSince"))).as("the assignment began a new state")
        .isAfter(Instant.parse(ringing.getString("statusSince")));
    waitFor(d -> byId("agent-state-since").getAttribute("data-since")
        .equals(String.valueOf(Instant.parse(assigned.getString("statusSince")).toEpochMilli())));
    screenshot("agent-assigned");

    // A second offer while the contact is open: the incoming panel stays at the top, its accept button in view.
    String second = await(client.post("/v1/contacts").bearerTokenAuthentication(TELEPHONY_KEY)
        .sendJsonObject(new JsonObject().put("channel", "chat").put("queue", "online-funds")
            .put("skills", new JsonObject().put("funds", 1)).put("customer", new JsonObject().put("name", "Qian Lei")))
        .map(r -> expect(r, 201))).getString("id");
    WebElement offer = waitFor(d -> d.findElement(By.cssSelector("[data-testid='offer']")));
    assertThat(number("return document.querySelector('.offers-panel').getBoundingClientRect().top"
        + " - document.querySelector('.topbar').getBoundingClientRect().bottom")).isLessThanOrEqualTo(24);
    assertThat(number("return arguments[0].getBoundingClientRect().bottom",
        offer.findElement(By.cssSelector("[data-testid='offer-accept']")))).isLessThanOrEqualTo(number("return window.innerHeight"));
    screenshot("agent-offer-while-serving");
    byId("offer-reject").click();
    waitFor(visible("no-offers"));
    JsonObject rejected = await(client.get("/v1/contacts/" + second).bearerTokenAuthentication(ADMIN_KEY).send()
        .map(r -> expect(r, 200)));
    assertThat(rejected.getJsonArray("rejectedBy").getList()).containsExactly("a1");
    await(client.post("/v1/contacts/" + second + "/abandon").bearerTokenAuthentication(TELEPHONY_KEY).send()
        .map(r -> expect(r, 200)));
  }

  @Test
  @Order(4)
  void theAgentWrapsUpCompletesAndBecomesAvailable() {
    driver.switchTo().window(agentWindow);
    new Select(byId("wrapup-disposition")).selectByValue("resolved");
    new Select(byId("wrapup-stage")).selectByValue("trade");
    byId("wrapup-notes").sendKeys("Explained the fund's redemption schedule.");
    screenshot("agent-wrap-up-form");
    byId("wrapup-submit").click();
    waitFor(visible("no-contacts"));
    waitFor(d -> "wrap_up".equals(byId("agent-state").getAttribute("data-state")));
    screenshot("agent-in-wrap-up");

    JsonObject contact = await(client.get("/v1/contacts/" + contactId).bearerTokenAuthentication(ADMIN_KEY).send()
        .map(r -> expect(r, 200)));
    assertThat(contact.getString("status")).isEqualTo("completed");
    assertThat(contact.getString("disposition")).isEqualTo("resolved");
    assertThat(contact.getString("stage")).isEqualTo("trade");
    assertThat(contact.getString("notes")).contains("redemption");

    byId("state-available").click();
    waitFor(d -> "available".equals(byId("agent-state").getAttribute("data-state")));
    screenshot("agent-available-again");
  }

  @Test
  @Order(5)
  void theWallboardCountsTheAnsweredAndCompletedContact() {
    driver.switchTo().window(supervisorWindow);
    waitFor(d -> stat("online-funds", "stat-answered") == answeredBefore + 1
        && stat("online-funds", "stat-completed") == completedBefore + 1);
    screenshot("supervisor-wallboard-after");
    section("agents");
    waitFor(d -> d.findElement(By.cssSelector("[data-testid='agent-row'][data-agent='a1'] [data-testid='agent-row-state']"))
        .getText().startsWith("Available"));
    // Time in state counts from when the current state began, as the engine says.
    String since = agentJson("a1").getString("statusSince");
    waitFor(d -> String.valueOf(Instant.parse(since).toEpochMilli()).equals(d.findElement(
        By.cssSelector("[data-testid='agent-row'][data-agent='a1'] [data-testid='agent-row-since']")).getAttribute("data-since")));
    screenshot("supervisor-agents");
    section("live");
  }

  @Test
  @Order(6)
  void theLanguageSwitchChangesTheLabelsAndIsRemembered() {
    driver.switchTo().window(supervisorWindow);
    WebElement heading = driver.findElement(By.id("wb-h"));
    assertThat(heading.getText()).isEqualTo("Queue wallboard");
    byId("lang-switch").click();
    waitFor(d -> "队列实时看板".equals(d.findElement(By.id("wb-h")).getText()));
    assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("zh-CN");
    assertThat(byId("lang-switch").getText()).isEqualTo("English");
    waitFor(d -> byId("conn-status").getText().equals("已连接"));
    screenshot("supervisor-chinese");

    driver.navigate().refresh();
    waitFor(d -> "队列实时看板".equals(d.findElement(By.id("wb-h")).getText()));
    byId("lang-switch").click();
    waitFor(d -> "Queue wallboard".equals(d.findElement(By.id("wb-h")).getText()));
  }

  @Test
  @Order(7)
  void theSupervisorForcesAStateAndMovesAWaitingContact() {
    driver.switchTo().window(supervisorWindow);
    section("agents");
    WebElement row = waitFor(d -> d.findElement(By.cssSelector("[data-testid='agent-row'][data-agent='a1']")));
    new Select(row.findElement(By.cssSelector("[data-testid='force-state-select']"))).selectByValue("not_ready");
    row.findElement(By.cssSelector("[data-testid='force-state-apply']")).click();
    waitFor(d -> d.findElement(By.cssSelector("[data-testid='agent-row'][data-agent='a1'] [data-testid='agent-row-state']"))
        .getText().startsWith("Not ready"));
    driver.switchTo().window(agentWindow);
    waitFor(d -> "not_ready".equals(byId("agent-state").getAttribute("data-state")));

    driver.switchTo().window(supervisorWindow);
    section("live");
    String waiting = await(client.post("/v1/contacts").bearerTokenAuthentication(TELEPHONY_KEY)
        .sendJsonObject(new JsonObject().put("channel", "chat").put("queue", "online-funds")
            .put("skills", new JsonObject().put("funds", 1))
            .put("customer", new JsonObject().put("id", "cust-7").put("name", "Sun Hui")))
        .map(r -> expect(r, 201))).getString("id");
    By waitingRow = By.cssSelector("[data-testid='waiting-row'][data-contact='" + waiting + "']");
    WebElement contactRow = waitFor(d -> d.findElement(waitingRow));
    // The queue by its name (the id stays in data-queue).
    assertThat(contactRow.getText()).contains("Sun Hui").contains("Online funds");
    new Select(contactRow.findElement(By.cssSelector("[data-testid='transfer-queue']"))).selectByValue("funds-overflow");
    screenshot("supervisor-move-contact");
    contactRow.findElement(By.cssSelector("[data-testid='transfer-submit']")).click();
    waitFor(d -> d.findElement(waitingRow).findElements(By.tagName("td")).get(0).getText().equals("Funds overflow"));
    JsonObject moved = await(client.get("/v1/contacts/" + waiting).bearerTokenAuthentication(ADMIN_KEY).send()
        .map(r -> expect(r, 200)));
    assertThat(moved.getString("queue")).isEqualTo("funds-overflow");
    // "Waited" is the customer's whole wait: moving it restarted its place in line, not its wait.
    assertThat(Instant.parse(moved.getString("queuedAt"))).isAfter(Instant.parse(moved.getString("arrivedAt")));
    assertThat(waitFor(d -> d.findElement(waitingRow).findElement(By.cssSelector("[data-testid='waiting-waited']")))
        .getAttribute("data-since")).isEqualTo(String.valueOf(Instant.parse(moved.getString("arrivedAt")).toEpochMilli()));

    // A queue whose caller has waited past the page's threshold is flagged, in words of its own.
    WebElement threshold = byId("breach-threshold");
    threshold.clear();
    threshold.sendKeys("5", Keys.TAB);
    WebElement flag = waitFor(d -> queueCard("funds-overflow").findElement(By.cssSelector("[data-testid='breach-flag']")));
    assertThat(flag.getText()).isEqualTo("⚠ Needs attention");
    screenshot("supervisor-needs-attention");
    threshold.clear();
    threshold.sendKeys("60", Keys.TAB);
  }

  @Test
  @Order(8)
  void theSupervisorOpensReportsAndStaffing() {
    driver.switchTo().window(supervisorWindow);
    waitFor(d -> queueCard("online-funds").findElement(By.cssSelector("[data-testid='stat-predicted-wait']")));
    section("reports");
    new Select(byId("report-kind")).selectByValue("queues");
    new Select(byId("report-interval")).selectByValue("day");
    byId("report-run").click();
    WebElement table = waitFor(d -> d.findElement(By.cssSelector("[data-testid='report-table'][data-kind='queues']")));
    assertThat(table.getText()).contains("Offered").contains("online-funds");

    new Select(byId("staffing-queue")).selectByValue("online-funds");
    WebElement arrivals = byId("staffing-arrivals");
    arrivals.clear();
    arrivals.sendKeys("250");
    byId("staffing-handle").sendKeys("330");
    byId("staffing-run").click();
    WebElement needed = waitFor(d -> d.findElement(By.cssSelector("[data-testid='staffing-agents-needed']")));
    assertThat(Integer.parseInt(needed.getText())).isGreaterThan(22);
    screenshot("supervisor-reports-staffing");
    section("live");
  }

  @Test
  @Order(10)
  void theConsoleShowsWhenTheEngineIsGoneAndRecoversWhenItIsBack() {
    driver.switchTo().window(agentWindow);
    waitFor(d -> "online".equals(byId("conn-status").getAttribute("data-state")));
    await(app.stop());
    app = null;

    new WebDriverWait(driver, RECOVERY).until(d -> byId("offline-banner").isDisplayed());
    assertThat(byId("conn-status").getAttribute("data-state")).isEqualTo("offline");
    screenshot("agent-offline");

    app = await(RouterApp.start(vertx, config));
    configureCentre();
    new WebDriverWait(driver, RECOVERY).until(d -> "online".equals(byId("conn-status").getAttribute("data-state")));
    assertThat(byId("offline-banner").isDisplayed()).isFalse();
    // The new engine's agent starts offline: the console shows the state the engine sent on connect.
    waitFor(d -> "offline".equals(byId("agent-state").getAttribute("data-state")));
    byId("state-available").click();
    waitFor(d -> "available".equals(byId("agent-state").getAttribute("data-state")));
    screenshot("agent-reconnected");

    driver.switchTo().window(supervisorWindow);
    new WebDriverWait(driver, RECOVERY).until(d -> "online".equals(byId("conn-status").getAttribute("data-state")));
    waitFor(d -> queueCard("online-funds"));
    screenshot("supervisor-reconnected");
  }

  @Test
  @Order(11)
  void theAgentWorksAComplaintIntakeInTheCasePanel() {
    configureServiceRules();
    JsonObject opened = await(client.post("/v1/complaints").bearerTokenAuthentication(SUPERVISOR_KEY)
        .sendJsonObject(new JsonObject()
            .put("customer", new JsonObject().put("id", "cust-88").put("name", "Chen Jie").put("tier", "hnw").put("riskLevel", 4))
            .put("channel", "voice")
            .put("summary", "Fund redemption settled two days late; the customer missed the reinvestment window."))
        .map(r -> expect(r, 201)));
    caseId = opened.getString("id");
    assertThat(opened.getString("stage")).isEqualTo("intake");

    driver.switchTo().window(agentWindow);
    waitFor(d -> byId("offer-case").getText().startsWith(caseId.substring(0, 8)));
    assertThat(byId("offer-case").getText()).endsWith("Intake");
    assertThat(byId("offer-customer").getText()).isEqualTo("Chen Jie");
    // The complaints queue's SLA policy gives the work item a deadline: the offer counts down to it.
    waitFor(d -> byId("offer-sla-countdown").getText().matches(".+ left"));
    scrollTo(byId("offer"));
    screenshot("agent-complaint-offer");

    byId("offer-accept").click();
    waitFor(d -> d.findElement(By.cssSelector("[data-testid='case-form'][data-step='classify']")));
    assertThat(byId("case-info-stage").getText()).isEqualTo("Intake");
    assertThat(byId("case-info-summary").getText()).contains("reinvestment window");
    assertThat(byId("case-info-deadline").getText()).matches(".+ left");
    assertThat(driver.findElements(By.cssSelector("[data-testid='wrapup-form']"))).isEmpty();
    assertThat(byId("contact-sla-outcome").getText()).isEqualTo("Answered within the deadline");

    // Why the item came to this agent: the offer's reasons, from the contact's history.
    byId("contact-history").click();
    assertThat(textOf("[data-testid='history-event'][data-type='offer_made'] [data-testid='history-reasons']")).contains("trigger:");
    screenshot("agent-work-item-history");
    byId("dialog-close").sendKeys(Keys.ESCAPE);
    waitFor(d -> !byId("detail-dialog").isDisplayed());

    // A refusal from the engine is shown in the form, with its reason.
    new Select(byId("case-class")).selectByValue("business_operation");
    byId("case-agent").sendKeys("a99");
    byId("case-submit").click();
    waitFor(d -> byId("case-error").getText().contains("a99"));
    screenshot("agent-case-refused");

    byId("case-agent").clear();
    byId("case-note").sendKeys("Settlement delay confirmed in the back-office log; passing to operations.");
    screenshot("agent-case-classify-form");
    byId("case-submit").click();
    waitFor(visible("no-contacts"));
    waitFor(d -> byId("notice").getText().contains(caseId));
    screenshot("agent-case-classified");

    JsonObject kase = await(client.get("/v1/complaints/" + caseId).bearerTokenAuthentication(ADMIN_KEY).send()
        .map(r -> expect(r, 200)));
    assertThat(kase.getString("stage")).isEqualTo("investigation");
    assertThat(kase.getString("class")).isEqualTo("business_operation");
    assertThat(kase.getString("owner")).isEqualTo("a1");
    JsonObject classified = kase.getJsonArray("history").getJsonObject(kase.getJsonArray("history").size() - 1);
    assertThat(classified.getString("step")).isEqualTo("classify");
    assertThat(classified.getString("by")).isEqualTo("agent:a1");
    assertThat(classified.getString("note")).contains("back-office log");
  }

  @Test
  @Order(12)
  void theAgentTakesTheCaseThroughInvestigationResultAndFeedbackToClosure() {
    driver.switchTo().window(agentWindow);
    // Each later stage's item comes back to this agent (the case's owner) once it is available again.
    takeCaseItem("investigate");
    byId("case-note").sendKeys("Settlement batch held by a custodian cut-off; fee refund and compensation proposed.");
    screenshot("agent-case-investigate-form");
    byId("case-submit").click();
    waitFor(visible("no-contacts"));

    takeCaseItem("result");
    byId("case-submit").click(); // the result is required: the form says so before asking the engine
    waitFor(d -> byId("case-error").getText().contains("Result given to the customer"));
    byId("case-note").sendKeys("Called the customer: fee refunded, compensation for the missed window agreed.");
    byId("case-submit").click();
    waitFor(visible("no-contacts"));

    takeCaseItem("feedback");
    assertThat(byId("case-info-findings").getText()).contains("custodian cut-off");
    byId("case-satisfied-yes").click();
    assertThat(byId("case-close-now").isSelected()).isTrue();
    byId("case-note").sendKeys("Satisfied with the refund.");
    screenshot("agent-case-feedback-form");
    byId("case-submit").click();
    waitFor(visible("no-contacts"));
    waitFor(d -> byId("notice").getText().contains("closed"));
    screenshot("agent-case-closed");

    JsonObject kase = await(client.get("/v1/complaints/" + caseId).bearerTokenAuthentication(ADMIN_KEY).send()
        .map(r -> expect(r, 200)));
    assertThat(kase.getString("stage")).isEqualTo("closed");
    assertThat(kase.getBoolean("satisfied")).isTrue();
    assertThat(kase.getJsonArray("history").stream().map(h -> ((JsonObject) h).getString("step")).toList())
        .containsSubsequence("classify", "investigate", "result", "feedback", "close");
  }

  @Test
  @Order(13)
  void theSupervisorSeesACaseNearBreachAndAContactHeldForReview() {
    // A major case must reach its result within the rules' majorSeconds (120 s here), and its
    // near-breach mark is at 1% of that: it is near breach almost at once.
    String majorCase = await(client.post("/v1/complaints").bearerTokenAuthentication(SUPERVISOR_KEY)
        .sendJsonObject(new JsonObject()
            .put("customer", new JsonObject().put("id", "cust-31").put("name", "Liu Yang"))
            .put("channel", "chat").put("class", "system_fault").put("severity", "major")
            .put("summary", "The app showed an order as filled that the exchange had rejected."))
        .map(r -> expect(r, 201))).getString("id");
    // An R4 product for a C3 customer is unsuitable: the contact is held in the review queue.
    heldContactId = await(client.post("/v1/contacts").bearerTokenAuthentication(TELEPHONY_KEY)
        .sendJsonObject(new JsonObject().put("channel", "voice").put("queue", "advice")
            .put("product", new JsonObject().put("code", "F-300").put("riskLevel", 4))
            .put("customer", new JsonObject().put("id", "cust-9").put("name", "Zhou Lan").put("riskLevel", 3)))
        .map(r -> expect(r, 201))).getString("id");

    driver.switchTo().window(supervisorWindow);
    section("live");
    String caseRow = "[data-testid='case-row'][data-case='" + majorCase + "'] ";
    waitFor(d -> !d.findElements(By.cssSelector(caseRow + "[data-testid='case-deadline-near']")).isEmpty());
    assertThat(textOf(caseRow + "[data-testid='case-stage']")).isEqualTo("Intake");
    assertThat(textOf(caseRow + "[data-testid='case-class']")).contains("System fault").contains("Major");
    assertThat(textOf(caseRow + "[data-testid='case-work']")).isEqualTo("waiting in complaints");
    assertThat(textOf(caseRow + "[data-testid='case-deadline']")).matches(".+ left");
    waitFor(d -> byId("cases-near-breach").getText().equals("Complaints near breach: 1"));
    // The complaints queue has an SLA policy: its card shows the service level against the target
    // (none decided yet if a 15-minute interval began since the intake item was answered).
    String complaints = "[data-testid='queue-card'][data-queue='complaints'] ";
    assertThat(textOf(complaints + "[data-testid='stat-service-level']")).matches("100\\.0%|—");
    assertThat(textOf(complaints + "[data-testid='stat-sl-target']")).isEqualTo("target 80%");
    assertThat(textOf(complaints + "[data-testid='stat-breaches']")).isEqualTo("0");
    scrollTo(byId("cases-panel"));
    screenshot("supervisor-cases-near-breach");

    waitFor(d -> d.findElement(By.cssSelector(caseRow + "[data-testid='case-open']"))).click();
    waitFor(d -> byId("dialog-case-stage").getText().equals("Intake"));
    assertThat(byId("dialog-case-severity").getText()).isEqualTo("Major");
    screenshot("supervisor-case-detail");
    byId("dialog-close").click();
    waitFor(d -> !byId("detail-dialog").isDisplayed());

    String heldRow = "[data-testid='waiting-row'][data-contact='" + heldContactId + "'][data-held='true'] ";
    assertThat(textOf(heldRow + "[data-testid='waiting-held']")).isEqualTo("Held for review");
    assertThat(textOf(heldRow + "[data-testid='waiting-reasons']")).contains("unsuitable").contains("review");
    // Its queue choice is locked: the engine routes it only inside the review queue.
    waitFor(d -> !d.findElement(By.cssSelector(heldRow + "[data-testid='transfer-queue']")).isEnabled());
    assertThat(textOf("[data-testid='held-count']")).isEqualTo("Held for review: 1");
    scrollTo(waitFor(d -> d.findElement(By.cssSelector(heldRow))));
    screenshot("supervisor-held-contact");

    // Its history, from the waiting list, keyboard only: Enter opens it, Escape closes it.
    waitFor(d -> d.findElement(By.cssSelector(heldRow + "[data-testid='waiting-history']"))).sendKeys(Keys.ENTER);
    String checked = "[data-testid='history-event'][data-type='compliance_checked'] ";
    assertThat(textOf(checked + "[data-testid='history-reasons']")).contains("unsuitable");
    assertThat(textOf(checked + "[data-testid='history-actor']")).isEqualTo("router");
    screenshot("supervisor-contact-history");
    byId("dialog-close").sendKeys(Keys.ESCAPE);
    waitFor(d -> !byId("detail-dialog").isDisplayed());
    waitFor(d -> "waiting-history".equals(d.switchTo().activeElement().getAttribute("data-testid")));

    byId("lang-switch").click();
    waitFor(d -> "临近或超过时限的投诉工单".equals(d.findElement(By.id("cases-h")).getText()));
    waitFor(d -> d.findElement(By.cssSelector(heldRow + "[data-testid='waiting-held']")).getText().equals("合规复核"));
    scrollTo(byId("cases-panel"));
    screenshot("supervisor-cases-chinese");
    byId("lang-switch").click();
    waitFor(d -> "Queue wallboard".equals(d.findElement(By.id("wb-h")).getText()));
  }

  @Test
  @Order(14)
  void theAgentsReasonPickerUsesTheDomainsCatalogueInTheConsolesLanguage() {
    JsonObject reasons = new JsonObject().put("entries", new JsonArray()
        .add(entry("break", "Break", "小休", true)).add(entry("smoking", "Smoking", "吸烟", false))
        .add(entry("return-visit", "Return visits", "回访", true)));
    await(client.put("/v1/catalogues/not-ready-reasons").bearerTokenAuthentication(ADMIN_KEY).sendJsonObject(reasons)
        .map(r -> expect(r, 200)));
    driver.switchTo().window(agentWindow);
    driver.navigate().refresh();
    waitFor(d -> options("state-reason").equals(List.of("break:Break", "return-visit:Return visits")));
    byId("lang-switch").click();
    waitFor(d -> options("state-reason").equals(List.of("break:小休", "return-visit:回访")));
    new Select(byId("state-reason")).selectByValue("return-visit");
    byId("state-not-ready").click();
    waitFor(d -> byId("agent-state").getText().endsWith("回访"));
    screenshot("agent-catalogue-reason-chinese");
    byId("lang-switch").click();
    waitFor(d -> byId("agent-state").getText().endsWith("Return visits"));
    // Back to free text for whatever runs after.
    await(client.put("/v1/catalogues/not-ready-reasons").bearerTokenAuthentication(ADMIN_KEY)
        .sendJsonObject(new JsonObject().put("entries", new JsonArray())).map(r -> expect(r, 200)));
  }

  // ------------------------------------------------------------------ helpers

  private static JsonObject entry(String code, String en, String zh, boolean active) {
    return new JsonObject().put("code", code).put("labels", new JsonObject().put("en", en).put("zh-CN", zh))
        .put("active", active);
  }

  /** A select's options as value:label. */
  private static List<String> options(String testid) {
    return byId(testid).findElements(By.tagName("option")).stream()
        .map(o -> o.getAttribute("value") + ":" + o.getText()).toList();
  }

  /** Opens a section of the supervisor's page by its tab. */
  private static void section(String name) {
    driver.findElement(By.cssSelector("[data-testid='sup-tab'][data-section='" + name + "']")).click();
    waitFor(d -> d.findElement(By.cssSelector("[data-testid='sup-section'][data-section='" + name + "']")).isDisplayed());
  }

  private static JsonObject agentJson(String id) {
    return await(client.get("/v1/agents/" + id).bearerTokenAuthentication(ADMIN_KEY).send().map(r -> expect(r, 200)));
  }

  private static Object script(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(js, args);
  }

  private static double number(String js, Object... args) {
    return ((Number) script(js, args)).doubleValue();
  }

  /** Ends wrap-up, accepts the offered work item of the case and waits for the stage's form. */
  private static void takeCaseItem(String step) {
    byId("state-available").click();
    waitFor(d -> byId("offer-case").getText().startsWith(caseId.substring(0, 8)));
    byId("offer-accept").click();
    waitFor(d -> d.findElement(By.cssSelector("[data-testid='case-form'][data-step='" + step + "']")));
  }

  /** Complaint cases and compliance review: the queues they need and the rules that name them. */
  private static void configureServiceRules() {
    await(Future.all(
        client.put("/v1/queues/complaints").bearerTokenAuthentication(ADMIN_KEY).sendJsonObject(new JsonObject()
            .put("name", "Complaints").put("offerTimeoutSeconds", 300).put("wrapUpSeconds", 300)
            .put("sla", new JsonObject().put("answerWithinSeconds", 3600))),
        client.put("/v1/queues/advice").bearerTokenAuthentication(ADMIN_KEY).sendJsonObject(new JsonObject()
            .put("name", "Fund advice").put("channel", "voice")),
        client.put("/v1/queues/review").bearerTokenAuthentication(ADMIN_KEY).sendJsonObject(new JsonObject()
            .put("name", "Compliance review").put("channel", "voice")))
        .map(all -> {
          for (int i = 0; i < all.size(); i++) {
            expect(all.resultAt(i), 200);
          }
          return null;
        }));
    await(client.put("/v1/rules").bearerTokenAuthentication(ADMIN_KEY).sendJsonObject(new JsonObject()
            .put("reviewQueue", "review")
            .put("complaints", new JsonObject().put("queue", "complaints").put("majorSeconds", 120).put("nearBreachPercent", 1)))
        .map(r -> expect(r, 200)));
  }

  /** The text of the element a selector finds, once it is there; a re-render meanwhile is retried. */
  private static String textOf(String css) {
    return waitFor(d -> d.findElement(By.cssSelector(css)).getText());
  }

  private static void scrollTo(WebElement element) {
    ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'start'}); window.scrollBy(0, -16)", element);
  }

  private static void configureCentre() {
    await(Future.all(
        client.put("/v1/queues/online-funds").bearerTokenAuthentication(ADMIN_KEY).sendJsonObject(new JsonObject()
            .put("name", "Online funds").put("channel", "chat").put("skills", new JsonObject().put("funds", 1))
            .put("offerTimeoutSeconds", 300).put("wrapUpSeconds", 300)),
        client.put("/v1/queues/funds-overflow").bearerTokenAuthentication(ADMIN_KEY).sendJsonObject(new JsonObject()
            .put("name", "Funds overflow").put("channel", "chat").put("skills", new JsonObject().put("funds", 1))),
        client.put("/v1/queues/counter").bearerTokenAuthentication(ADMIN_KEY).sendJsonObject(new JsonObject()
            .put("name", "Branch counter").put("channel", "branch").put("site", "hq").put("offerTimeoutSeconds", 300)),
        client.put("/v1/agents/a1").bearerTokenAuthentication(ADMIN_KEY).sendJsonObject(new JsonObject()
            .put("name", "Li Wei").put("skills", new JsonObject().put("funds", 3))
            .put("capacity", new JsonObject().put("chat", 3).put("voice", 0).put("branch", 0).put("email", 1).put("callback", 1))),
        client.put("/v1/agents/a2").bearerTokenAuthentication(ADMIN_KEY).sendJsonObject(new JsonObject()
            .put("name", "Zhang Min").put("site", "hq")
            .put("capacity", new JsonObject().put("branch", 1).put("voice", 0).put("chat", 0))))
        .map(all -> {
          for (int i = 0; i < all.size(); i++) {
            expect(all.resultAt(i), 200);
          }
          return null;
        }));
  }

  private static JsonObject expect(HttpResponse<Buffer> r, int status) {
    assertThat(r.statusCode()).as("HTTP %s: %s", r.statusCode(), r.bodyAsString()).isEqualTo(status);
    return r.bodyAsJsonObject();
  }

  private static String base() {
    return "http://127.0.0.1:" + config.httpPort();
  }

  private static void setLanguage(String lang) {
    ((JavascriptExecutor) driver).executeScript("localStorage.setItem('console.lang', arguments[0])", lang);
    driver.navigate().refresh();
  }

  private static void signIn(String user, String password) {
    WebElement form = byId("login-form");
    form.findElement(By.name("username")).sendKeys(user);
    form.findElement(By.name("password")).sendKeys(password);
    byId("login-submit").click();
  }

  private static WebElement byId(String testid) {
    return driver.findElement(By.cssSelector("[data-testid='" + testid + "']"));
  }

  private static WebElement queueCard(String queue) {
    var found = driver.findElements(By.cssSelector("[data-testid='queue-card'][data-queue='" + queue + "']"));
    return found.isEmpty() ? null : found.get(0);
  }

  private static int stat(String queue, String testid) {
    WebElement card = queueCard(queue);
    if (card == null) {
      return -1;
    }
    String text = card.findElement(By.cssSelector("[data-testid='" + testid + "']")).getText().trim();
    return text.matches("\\d+") ? Integer.parseInt(text) : -1;
  }

  private static Function<WebDriver, WebElement> visible(String testid) {
    return ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid='" + testid + "']"))::apply;
  }

  private static <T> T waitFor(Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, WAIT).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(condition::apply);
  }

  private static void screenshot(String name) {
    try {
      Path target = shots.resolve(String.format("%02d-%s.png", ++shot, name));
      File png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
      Files.copy(png.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new AssertionError("could not save screenshot " + name, e);
    }
  }
}

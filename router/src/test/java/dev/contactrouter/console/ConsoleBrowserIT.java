package dev.contactrouter.console;

import static dev.contactrouter.testing.Await.await;
import static dev.contactrouter.testing.EngineUnderTest.A2;
import static dev.contactrouter.testing.EngineUnderTest.ADMIN;
import static dev.contactrouter.testing.EngineUnderTest.SUPERVISOR;
import static dev.contactrouter.testing.EngineUnderTest.TELEPHONY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.config.RouterConfig;
import dev.contactrouter.testing.EngineUnderTest;
import dev.contactrouter.testing.TestVertx;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The console in a real browser: Debian's headless Chromium, driven through its own chromedriver
 * (nothing is downloaded), against an {@link EngineUnderTest} (its keys and console users). One
 * story in order: an agent signs in, goes available, gets an offer for a contact created through
 * the API, accepts, wraps up and completes; the supervisor's wallboard counts move; the language
 * switch changes the labels; the engine stops and comes back and the console shows it is offline,
 * then recovers by itself; then, on the restarted engine, the agent works a complaint case's
 * intake item through the case panel, and the supervisor sees a case near its deadline, a contact
 * held for compliance review and that contact's history. Every wait is bounded, and each step
 * leaves a screenshot in target/screenshots/console. The branch board has a story of its
 * own: {@link BoardBrowserIT}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisabledIfSystemProperty(named = ConsoleBrowserIT.SKIP_PROPERTY, matches = "true",
    disabledReason = "skipped on request (-D" + ConsoleBrowserIT.SKIP_PROPERTY + "=true): the console's browser tests")
class ConsoleBrowserIT {
  /** Set ({@code -Dskip.browser=true}) to skip these tests visibly on a machine without Chromium. */
  static final String SKIP_PROPERTY = Chromium.SKIP_PROPERTY;
  private static final Duration RECOVERY = Duration.ofSeconds(45);

  private static Vertx vertx;
  private static RouterConfig config;
  private static EngineUnderTest engine;
  @AutoClose
  private static Browser browser;
  private static WebDriver driver;
  private static String agentWindow;
  private static String supervisorWindow;
  private static String contactId;
  private static int answeredBefore;
  private static int completedBefore;
  private static String heldContactId;
  private static String caseId;
  private static String availableSince;

  @BeforeAll
  static void startEngineAndBrowser() throws Exception {
    vertx = TestVertx.create();
    // The harness's fixed signing secret, so the console's token is still accepted by the restarted engine.
    config = RouterConfig.from(EngineUnderTest.defaults());
    engine = EngineUnderTest.start(vertx, config);
    config = config.withHttpPort(engine.port());
    configureCentre();

    browser = Browser.start("console");
    driver = browser.driver;
    agentWindow = driver.getWindowHandle();
  }

  @AfterAll
  static void stopAll() {
    if (engine != null) {
      await(engine.stop());
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
    browser.open(base() + "/", "en");
    browser.visible("login-submit");
    browser.screenshot("agent-login");
    browser.signIn("li", "pw-li-123");
    browser.waitFor(d -> "offline".equals(browser.byId("agent-state").getAttribute("data-state")));
    assertThat(browser.byId("whoami").getText()).contains("li");
    browser.screenshot("agent-signed-in");

    browser.byId("state-available").click();
    browser.waitFor(d -> "available".equals(browser.byId("agent-state").getAttribute("data-state")));
    browser.waitFor(d -> "online".equals(browser.byId("conn-status").getAttribute("data-state")));
    availableSince = agentJson("a1").getString("statusSince");
    browser.screenshot("agent-available");

    // A favicon, linked from the page and served (no 404 in the log), and no empty band under the top bar.
    assertThat(driver.findElement(By.cssSelector("link[rel='icon']")).getAttribute("href")).endsWith("/favicon.svg");
    HttpResponse<Buffer> icon = await(engine.web.get("/favicon.svg").send());
    assertThat(icon.statusCode()).isEqualTo(200);
    assertThat(icon.getHeader("Content-Type")).startsWith("image/svg+xml");
    assertThat(browser.number("return document.querySelector('main').getBoundingClientRect().top"
        + " - document.querySelector('.topbar').getBoundingClientRect().bottom")).isLessThanOrEqualTo(16);

    // Sound and notifications are the agent's to switch off, and stay so across a reload.
    assertThat(browser.byId("ring-sound").isSelected()).isTrue();
    browser.byId("ring-sound").click();
    assertThat(browser.script("return localStorage.getItem('console.ring.sound')")).isEqualTo("off");
    driver.navigate().refresh();
    browser.waitFor(d -> "available".equals(browser.byId("agent-state").getAttribute("data-state")));
    assertThat(browser.byId("ring-sound").isSelected()).isFalse();
    browser.byId("ring-sound").click();
    assertThat(browser.script("return localStorage.getItem('console.ring.sound')")).isEqualTo("on");
    // Notifications ask the browser's permission when switched on (granted here, as a user would).
    ((ChromeDriver) driver).executeCdpCommand("Browser.grantPermissions",
        Map.of("origin", base(), "permissions", List.of("notifications")));
    if (!browser.byId("ring-notify").isSelected()) {
      browser.byId("ring-notify").click();
    }
    browser.waitFor(d -> "on".equals(browser.script("return localStorage.getItem('console.ring.notify')")));
    assertThat(browser.byId("ring-notify").isSelected()).isTrue();
    assertThat(browser.byId("ring-note").isDisplayed()).isFalse();
  }

  @Test
  @Order(2)
  void theSupervisorSeesTheWallboard() {
    driver.switchTo().newWindow(WindowType.WINDOW);
    supervisorWindow = driver.getWindowHandle();
    driver.get(base() + "/");
    browser.visible("login-submit");
    browser.signIn("zhou", "pw-zhou-123");
    WebElement card = browser.waitFor(d -> queueCard("online-funds"));
    assertThat(card.findElement(By.cssSelector("h3")).getText()).isEqualTo("Online funds");
    answeredBefore = stat("online-funds", "stat-answered");
    completedBefore = stat("online-funds", "stat-completed");
    browser.waitFor(d -> !d.findElements(By.cssSelector("[data-testid='agent-row'][data-agent='a1']")).isEmpty());
    // The live section has the waiting contacts and the cases near breach in the first screen.
    assertThat(browser.byId("waiting-panel").isDisplayed()).isTrue();
    assertThat(browser.number("return document.querySelector('[data-testid=waiting-panel]').getBoundingClientRect().top"))
        .isLessThan(browser.number("return window.innerHeight"));
    assertThat(browser.number("return document.querySelector('[data-testid=cases-panel]').getBoundingClientRect().top"))
        .isLessThan(browser.number("return window.innerHeight"));
    assertThat(browser.byId("agents-panel").isDisplayed()).as("agents are a section of their own").isFalse();
    // The card's flag and its near-breach figure are named apart.
    assertThat(queueCard("online-funds").findElement(By.xpath(".//dd[@data-testid='stat-near-breach']/preceding-sibling::dt[1]"))
        .getText()).isEqualTo("Near SLA deadline");
    browser.screenshot("supervisor-wallboard-before");
  }

  @Test
  @Order(3)
  void anOfferArrivesAndTheAgentAcceptsIt() {
    JsonObject created = engine.ok("POST", "/v1/contacts", TELEPHONY, new JsonObject()
        .put("channel", "chat")
        .put("queue", "online-funds")
        .put("skills", new JsonObject().put("funds", 1))
        .put("customer", new JsonObject().put("id", "cust-42").put("name", "Wang Xiuying").put("tier", "vip").put("riskLevel", 3))
        .put("externalId", "chat-0042"));
    contactId = created.getString("id");

    driver.switchTo().window(agentWindow);
    WebElement accept = browser.waitFor(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-testid='offer-accept']")));
    assertThat(browser.byId("offer-customer").getText()).isEqualTo("Wang Xiuying");
    assertThat(browser.byId("offer-tier").getText()).isEqualTo("VIP");
    assertThat(browser.byId("offer-risk").getText()).as("a customer's risk scale is C1–C5").isEqualTo("C3");
    assertThat(browser.byId("offer-queue").getText()).isEqualTo("online-funds");
    browser.waitFor(d -> browser.byId("offer-countdown").getText().matches("\\d+ s left"));
    // It rings: a tone, a notification, and the tab's title flashing while the offer is pending.
    browser.waitFor(d -> browser.number("return Number(document.body.dataset.rings || 0)") >= 1);
    browser.waitFor(d -> browser.number("return Number(document.body.dataset.notified || 0)") >= 1);
    browser.waitFor(d -> d.getTitle().startsWith("🔔 New chat contact"));
    browser.waitFor(d -> d.getTitle().equals("Contact centre console"));
    // The state began with the offer, not when the agent went available.
    JsonObject ringing = agentJson("a1");
    assertThat(Instant.parse(ringing.getString("statusSince"))).isAfter(Instant.parse(availableSince));
    assertThat(browser.byId("agent-state-since").getAttribute("data-since"))
        .isEqualTo(String.valueOf(Instant.parse(ringing.getString("statusSince")).toEpochMilli()));
    // The shortcut is on the button, and accepts from anywhere on the page.
    assertThat(accept.getAttribute("aria-keyshortcuts")).isEqualTo("Alt+A");
    assertThat(browser.byId("offer-accept-key").getText()).isEqualTo("Alt+A");
    browser.screenshot("agent-offer");

    new Actions(driver).keyDown(Keys.ALT).sendKeys("a").keyUp(Keys.ALT).perform();
    browser.visible("contact-tab");
    browser.waitFor(d -> "Wang Xiuying".equals(browser.byId("customer-name").getText()));
    assertThat(driver.findElements(By.cssSelector("[data-testid='offer']"))).isEmpty();
    assertThat(browser.byId("contact-external-id").getText()).isEqualTo("chat-0042");
    assertThat(browser.byId("customer-risk").getText()).isEqualTo("C3");
    browser.waitFor(d -> d.getTitle().equals("Contact centre console") && d.findElement(By.tagName("body")).getAttribute("data-ringing") == null);
    JsonObject assigned = agentJson("a1");
    assertThat(Instant.parse(assigned.getString("statusSince"))).as("the assignment began a new state")
        .isAfter(Instant.parse(ringing.getString("statusSince")));
    browser.waitFor(d -> browser.byId("agent-state-since").getAttribute("data-since")
        .equals(String.valueOf(Instant.parse(assigned.getString("statusSince")).toEpochMilli())));
    browser.screenshot("agent-assigned");

    // A second offer while the contact is open: the incoming panel stays at the top, its accept button in view.
    String second = engine.ok("POST", "/v1/contacts", TELEPHONY, new JsonObject().put("channel", "chat")
        .put("queue", "online-funds").put("skills", new JsonObject().put("funds", 1)).put("customer", new JsonObject().put("name", "Qian Lei"))).getString("id");
    WebElement offer = browser.waitFor(d -> d.findElement(By.cssSelector("[data-testid='offer']")));
    assertThat(browser.number("return document.querySelector('.offers-panel').getBoundingClientRect().top"
        + " - document.querySelector('.topbar').getBoundingClientRect().bottom")).isLessThanOrEqualTo(24);
    assertThat(browser.number("return arguments[0].getBoundingClientRect().bottom",
        offer.findElement(By.cssSelector("[data-testid='offer-accept']")))).isLessThanOrEqualTo(browser.number("return window.innerHeight"));
    browser.screenshot("agent-offer-while-serving");
    browser.byId("offer-reject").click();
    browser.visible("no-offers");
    JsonObject rejected = engine.ok("GET", "/v1/contacts/" + second, ADMIN, null);
    assertThat(rejected.getJsonArray("rejectedBy").getList()).containsExactly("a1");
    engine.ok("POST", "/v1/contacts/" + second + "/abandon", TELEPHONY, null);
  }

  @Test
  @Order(4)
  void theAgentWrapsUpCompletesAndBecomesAvailable() {
    driver.switchTo().window(agentWindow);
    // The service stage (§1.2.2): intake since it arrived; the agent advances it from the panel.
    assertThat(browser.byId("contact-stage").getAttribute("data-stage")).isEqualTo("intake");
    assertThat(browser.byId("contact-stage").getText()).isEqualTo("Intake");
    assertThat(new Select(browser.byId("stage-select")).getOptions()).extracting(WebElement::getText)
        .containsExactly("Consultation", "Trade", "Settlement", "Feedback");
    new Select(browser.byId("stage-select")).selectByValue("consultation");
    browser.byId("stage-advance").click();
    browser.waitFor(d -> "consultation".equals(browser.byId("contact-stage").getAttribute("data-stage")));
    assertThat(browser.byId("contact-stage").getText()).isEqualTo("Consultation");
    assertThat(new Select(browser.byId("stage-select")).getOptions()).as("stages go forward only").extracting(WebElement::getText)
        .containsExactly("Trade", "Settlement", "Feedback");
    JsonArray stages = engine.ok("GET", "/v1/contacts/" + contactId, ADMIN, null).getJsonArray("stages");
    assertThat(stages).hasSize(2);
    assertThat(stages.getJsonObject(1).getString("stage")).isEqualTo("consultation");
    assertThat(stages.getJsonObject(1).getString("by")).isEqualTo("agent:a1");
    browser.screenshot("agent-stage-advanced");

    new Select(browser.byId("wrapup-disposition")).selectByValue("resolved");
    new Select(browser.byId("wrapup-stage")).selectByValue("trade");
    browser.byId("wrapup-notes").sendKeys("Explained the fund's redemption schedule.");
    browser.screenshot("agent-wrap-up-form");
    browser.byId("wrapup-submit").click();
    browser.visible("no-contacts");
    browser.waitFor(d -> "wrap_up".equals(browser.byId("agent-state").getAttribute("data-state")));
    browser.screenshot("agent-in-wrap-up");

    JsonObject contact = engine.ok("GET", "/v1/contacts/" + contactId, ADMIN, null);
    assertThat(contact.getString("status")).isEqualTo("completed");
    assertThat(contact.getString("disposition")).isEqualTo("resolved");
    assertThat(contact.getString("stage")).isEqualTo("trade");
    assertThat(contact.getString("notes")).contains("redemption");

    browser.byId("state-available").click();
    browser.waitFor(d -> "available".equals(browser.byId("agent-state").getAttribute("data-state")));
    browser.screenshot("agent-available-again");
  }

  @Test
  @Order(5)
  void theWallboardCountsTheAnsweredAndCompletedContact() {
    driver.switchTo().window(supervisorWindow);
    browser.waitFor(d -> stat("online-funds", "stat-answered") == answeredBefore + 1
        && stat("online-funds", "stat-completed") == completedBefore + 1);
    browser.screenshot("supervisor-wallboard-after");
    section("agents");
    browser.waitFor(d -> d.findElement(By.cssSelector("[data-testid='agent-row'][data-agent='a1'] [data-testid='agent-row-state']"))
        .getText().startsWith("Available"));
    // Time in state counts from when the current state began, as the engine says.
    String since = agentJson("a1").getString("statusSince");
    browser.waitFor(d -> String.valueOf(Instant.parse(since).toEpochMilli()).equals(d.findElement(
        By.cssSelector("[data-testid='agent-row'][data-agent='a1'] [data-testid='agent-row-since']")).getAttribute("data-since")));
    browser.screenshot("supervisor-agents");
    section("live");
  }

  @Test
  @Order(6)
  void theLanguageSwitchChangesTheLabelsAndIsRemembered() {
    driver.switchTo().window(supervisorWindow);
    WebElement heading = driver.findElement(By.id("wb-h"));
    assertThat(heading.getText()).isEqualTo("Queue wallboard");
    browser.byId("lang-switch").click();
    browser.waitFor(d -> "队列实时看板".equals(d.findElement(By.id("wb-h")).getText()));
    assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("zh-CN");
    assertThat(browser.byId("lang-switch").getText()).isEqualTo("English");
    browser.waitFor(d -> browser.byId("conn-status").getText().equals("已连接"));
    browser.screenshot("supervisor-chinese");

    driver.navigate().refresh();
    browser.waitFor(d -> "队列实时看板".equals(d.findElement(By.id("wb-h")).getText()));
    browser.byId("lang-switch").click();
    browser.waitFor(d -> "Queue wallboard".equals(d.findElement(By.id("wb-h")).getText()));
  }

  @Test
  @Order(7)
  void theSupervisorForcesAStateAndMovesAWaitingContact() {
    driver.switchTo().window(supervisorWindow);
    section("agents");
    WebElement row = browser.waitFor(d -> d.findElement(By.cssSelector("[data-testid='agent-row'][data-agent='a1']")));
    new Select(row.findElement(By.cssSelector("[data-testid='force-state-select']"))).selectByValue("not_ready");
    row.findElement(By.cssSelector("[data-testid='force-state-apply']")).click();
    browser.waitFor(d -> d.findElement(By.cssSelector("[data-testid='agent-row'][data-agent='a1'] [data-testid='agent-row-state']"))
        .getText().startsWith("Not ready"));
    driver.switchTo().window(agentWindow);
    browser.waitFor(d -> "not_ready".equals(browser.byId("agent-state").getAttribute("data-state")));

    driver.switchTo().window(supervisorWindow);
    section("live");
    String waiting = engine.ok("POST", "/v1/contacts", TELEPHONY, new JsonObject().put("channel", "chat")
        .put("queue", "online-funds").put("skills", new JsonObject().put("funds", 1))
        .put("customer", new JsonObject().put("id", "cust-7").put("name", "Sun Hui"))).getString("id");
    By waitingRow = By.cssSelector("[data-testid='waiting-row'][data-contact='" + waiting + "']");
    WebElement contactRow = browser.waitFor(d -> d.findElement(waitingRow));
    // The queue by its name (the id stays in data-queue).
    assertThat(contactRow.getText()).contains("Sun Hui").contains("Online funds");
    new Select(contactRow.findElement(By.cssSelector("[data-testid='transfer-queue']"))).selectByValue("funds-overflow");
    browser.screenshot("supervisor-move-contact");
    contactRow.findElement(By.cssSelector("[data-testid='transfer-submit']")).click();
    browser.waitFor(d -> d.findElement(waitingRow).findElements(By.tagName("td")).get(0).getText().equals("Funds overflow"));
    JsonObject moved = engine.ok("GET", "/v1/contacts/" + waiting, ADMIN, null);
    assertThat(moved.getString("queue")).isEqualTo("funds-overflow");
    // "Waited" is the customer's whole wait: moving it restarted its place in line, not its wait.
    assertThat(Instant.parse(moved.getString("queuedAt"))).isAfter(Instant.parse(moved.getString("arrivedAt")));
    assertThat(browser.waitFor(d -> d.findElement(waitingRow).findElement(By.cssSelector("[data-testid='waiting-waited']")))
        .getAttribute("data-since")).isEqualTo(String.valueOf(Instant.parse(moved.getString("arrivedAt")).toEpochMilli()));

    // A queue whose caller has waited past the page's threshold is flagged, in words of its own.
    WebElement threshold = browser.byId("breach-threshold");
    threshold.clear();
    threshold.sendKeys("5", Keys.TAB);
    WebElement flag = browser.waitFor(d -> queueCard("funds-overflow").findElement(By.cssSelector("[data-testid='breach-flag']")));
    assertThat(flag.getText()).isEqualTo("⚠ Needs attention");
    browser.screenshot("supervisor-needs-attention");
    threshold.clear();
    threshold.sendKeys("60", Keys.TAB);
  }

  @Test
  @Order(8)
  void theSupervisorOpensReportsAndStaffing() {
    driver.switchTo().window(supervisorWindow);
    browser.waitFor(d -> queueCard("online-funds").findElement(By.cssSelector("[data-testid='stat-predicted-wait']")));
    section("reports");
    new Select(browser.byId("report-kind")).selectByValue("queues");
    new Select(browser.byId("report-interval")).selectByValue("day");
    browser.byId("report-run").click();
    WebElement table = browser.waitFor(d -> d.findElement(By.cssSelector("[data-testid='report-table'][data-kind='queues']")));
    assertThat(table.getText()).contains("Offered").contains("online-funds");

    new Select(browser.byId("staffing-queue")).selectByValue("online-funds");
    WebElement arrivals = browser.byId("staffing-arrivals");
    arrivals.clear();
    arrivals.sendKeys("250");
    browser.byId("staffing-handle").sendKeys("330");
    browser.byId("staffing-run").click();
    WebElement needed = browser.waitFor(d -> d.findElement(By.cssSelector("[data-testid='staffing-agents-needed']")));
    assertThat(Integer.parseInt(needed.getText())).isGreaterThan(22);
    browser.screenshot("supervisor-reports-staffing");
    section("live");
  }

  @Test
  @Order(10)
  void theConsoleShowsWhenTheEngineIsGoneAndRecoversWhenItIsBack() {
    driver.switchTo().window(agentWindow);
    browser.waitFor(d -> "online".equals(browser.byId("conn-status").getAttribute("data-state")));
    await(engine.stop());
    engine = null;

    browser.waitFor(d -> browser.byId("offline-banner").isDisplayed(), RECOVERY);
    assertThat(browser.byId("conn-status").getAttribute("data-state")).isEqualTo("offline");
    browser.screenshot("agent-offline");

    engine = EngineUnderTest.start(vertx, config);
    configureCentre();
    browser.waitFor(d -> "online".equals(browser.byId("conn-status").getAttribute("data-state")), RECOVERY);
    assertThat(browser.byId("offline-banner").isDisplayed()).isFalse();
    // The new engine's agent starts offline: the console shows the state the engine sent on connect.
    browser.waitFor(d -> "offline".equals(browser.byId("agent-state").getAttribute("data-state")));
    browser.byId("state-available").click();
    browser.waitFor(d -> "available".equals(browser.byId("agent-state").getAttribute("data-state")));
    browser.screenshot("agent-reconnected");

    driver.switchTo().window(supervisorWindow);
    browser.waitFor(d -> "online".equals(browser.byId("conn-status").getAttribute("data-state")), RECOVERY);
    browser.waitFor(d -> queueCard("online-funds"));
    browser.screenshot("supervisor-reconnected");
  }

  @Test
  @Order(11)
  void theAgentWorksAComplaintIntakeInTheCasePanel() {
    configureServiceRules();
    JsonObject opened = engine.ok("POST", "/v1/complaints", SUPERVISOR, new JsonObject()
        .put("customer", new JsonObject().put("id", "cust-88").put("name", "Chen Jie").put("tier", "hnw").put("riskLevel", 4))
        .put("channel", "voice")
        .put("summary", "Fund redemption settled two days late; the customer missed the reinvestment window."));
    caseId = opened.getString("id");
    assertThat(opened.getString("stage")).isEqualTo("intake");

    driver.switchTo().window(agentWindow);
    browser.waitFor(d -> browser.byId("offer-case").getText().startsWith(caseId.substring(0, 8)));
    assertThat(browser.byId("offer-case").getText()).endsWith("Intake");
    assertThat(browser.byId("offer-customer").getText()).isEqualTo("Chen Jie");
    // The complaints queue's SLA policy gives the work item a deadline: the offer counts down to it.
    browser.waitFor(d -> browser.byId("offer-sla-countdown").getText().matches(".+ left"));
    browser.scrollTo(browser.byId("offer"));
    browser.screenshot("agent-complaint-offer");

    browser.byId("offer-accept").click();
    browser.waitFor(d -> d.findElement(By.cssSelector("[data-testid='case-form'][data-step='classify']")));
    assertThat(browser.byId("case-info-stage").getText()).isEqualTo("Intake");
    assertThat(browser.byId("case-info-summary").getText()).contains("reinvestment window");
    assertThat(browser.byId("case-info-deadline").getText()).matches(".+ left");
    assertThat(driver.findElements(By.cssSelector("[data-testid='wrapup-form']"))).isEmpty();
    assertThat(browser.byId("contact-sla-outcome").getText()).isEqualTo("Answered within the deadline");

    // Why the item came to this agent: the offer's reasons, from the contact's history.
    browser.byId("contact-history").click();
    assertThat(browser.textOf("[data-testid='history-event'][data-type='offer_made'] [data-testid='history-reasons']")).contains("trigger:");
    browser.screenshot("agent-work-item-history");
    browser.byId("dialog-close").sendKeys(Keys.ESCAPE);
    browser.waitFor(d -> !browser.byId("detail-dialog").isDisplayed());

    // A refusal from the engine is shown in the form, with its reason.
    new Select(browser.byId("case-class")).selectByValue("business_operation");
    browser.byId("case-agent").sendKeys("a99");
    browser.byId("case-submit").click();
    browser.waitFor(d -> browser.byId("case-error").getText().contains("a99"));
    browser.screenshot("agent-case-refused");

    browser.byId("case-agent").clear();
    browser.byId("case-note").sendKeys("Settlement delay confirmed in the back-office log; passing to operations.");
    browser.screenshot("agent-case-classify-form");
    browser.byId("case-submit").click();
    browser.visible("no-contacts");
    browser.waitFor(d -> browser.byId("notice").getText().contains(caseId));
    browser.screenshot("agent-case-classified");

    JsonObject kase = engine.ok("GET", "/v1/complaints/" + caseId, ADMIN, null);
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
    browser.byId("case-note").sendKeys("Settlement batch held by a custodian cut-off; fee refund and compensation proposed.");
    browser.screenshot("agent-case-investigate-form");
    browser.byId("case-submit").click();
    browser.visible("no-contacts");

    takeCaseItem("result");
    browser.byId("case-submit").click(); // the result is required: the form says so before asking the engine
    browser.waitFor(d -> browser.byId("case-error").getText().contains("Result given to the customer"));
    browser.byId("case-note").sendKeys("Called the customer: fee refunded, compensation for the missed window agreed.");
    browser.byId("case-submit").click();
    browser.visible("no-contacts");

    takeCaseItem("feedback");
    assertThat(browser.byId("case-info-findings").getText()).contains("custodian cut-off");
    browser.byId("case-satisfied-yes").click();
    assertThat(browser.byId("case-close-now").isSelected()).isTrue();
    browser.byId("case-note").sendKeys("Satisfied with the refund.");
    browser.screenshot("agent-case-feedback-form");
    browser.byId("case-submit").click();
    browser.visible("no-contacts");
    browser.waitFor(d -> browser.byId("notice").getText().contains("closed"));
    browser.screenshot("agent-case-closed");

    JsonObject kase = engine.ok("GET", "/v1/complaints/" + caseId, ADMIN, null);
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
    String majorCase = engine.ok("POST", "/v1/complaints", SUPERVISOR, new JsonObject()
        .put("customer", new JsonObject().put("id", "cust-31").put("name", "Liu Yang"))
        .put("channel", "chat").put("class", "system_fault").put("severity", "major")
        .put("summary", "The app showed an order as filled that the exchange had rejected.")).getString("id");
    // An R4 product for a C3 customer is unsuitable: the contact is held in the review queue.
    heldContactId = engine.ok("POST", "/v1/contacts", TELEPHONY, new JsonObject().put("channel", "voice")
        .put("queue", "advice").put("product", new JsonObject().put("code", "F-300").put("riskLevel", 4))
        .put("customer", new JsonObject().put("id", "cust-9").put("name", "Zhou Lan").put("riskLevel", 3))).getString("id");

    driver.switchTo().window(supervisorWindow);
    section("live");
    String caseRow = "[data-testid='case-row'][data-case='" + majorCase + "'] ";
    browser.waitFor(d -> !d.findElements(By.cssSelector(caseRow + "[data-testid='case-deadline-near']")).isEmpty());
    assertThat(browser.textOf(caseRow + "[data-testid='case-stage']")).isEqualTo("Intake");
    assertThat(browser.textOf(caseRow + "[data-testid='case-class']")).contains("System fault").contains("Major");
    assertThat(browser.textOf(caseRow + "[data-testid='case-work']")).isEqualTo("waiting in complaints");
    assertThat(browser.textOf(caseRow + "[data-testid='case-deadline']")).matches(".+ left");
    browser.waitFor(d -> browser.byId("cases-near-breach").getText().equals("Cases near breach: 1"));
    // The complaints queue has an SLA policy: its card shows the service level against the target
    // (none decided yet if a 15-minute interval began since the intake item was answered).
    String complaints = "[data-testid='queue-card'][data-queue='complaints'] ";
    assertThat(browser.textOf(complaints + "[data-testid='stat-service-level']")).matches("100\\.0%|—");
    assertThat(browser.textOf(complaints + "[data-testid='stat-sl-target']")).isEqualTo("target 80%");
    assertThat(browser.textOf(complaints + "[data-testid='stat-breaches']")).isEqualTo("0");
    browser.scrollTo(browser.byId("cases-panel"));
    browser.screenshot("supervisor-cases-near-breach");

    browser.waitFor(d -> d.findElement(By.cssSelector(caseRow + "[data-testid='case-open']"))).click();
    browser.waitFor(d -> browser.byId("dialog-case-stage").getText().equals("Intake"));
    assertThat(browser.byId("dialog-case-severity").getText()).isEqualTo("Major");
    browser.screenshot("supervisor-case-detail");
    browser.byId("dialog-close").click();
    browser.waitFor(d -> !browser.byId("detail-dialog").isDisplayed());

    String heldRow = "[data-testid='waiting-row'][data-contact='" + heldContactId + "'][data-held='true'] ";
    assertThat(browser.textOf(heldRow + "[data-testid='waiting-held']")).isEqualTo("Held for review");
    assertThat(browser.textOf(heldRow + "[data-testid='waiting-reasons']")).contains("unsuitable").contains("review");
    // Its queue choice is locked: the engine routes it only inside the review queue.
    browser.waitFor(d -> !d.findElement(By.cssSelector(heldRow + "[data-testid='transfer-queue']")).isEnabled());
    assertThat(browser.textOf("[data-testid='held-count']")).isEqualTo("Held for review: 1");
    browser.scrollTo(browser.waitFor(d -> d.findElement(By.cssSelector(heldRow))));
    browser.screenshot("supervisor-held-contact");

    // Its history, from the waiting list, keyboard only: Enter opens it, Escape closes it.
    browser.waitFor(d -> d.findElement(By.cssSelector(heldRow + "[data-testid='waiting-history']"))).sendKeys(Keys.ENTER);
    String checked = "[data-testid='history-event'][data-type='compliance_checked'] ";
    assertThat(browser.textOf(checked + "[data-testid='history-reasons']")).contains("unsuitable");
    assertThat(browser.textOf(checked + "[data-testid='history-actor']")).isEqualTo("router");
    browser.screenshot("supervisor-contact-history");
    browser.byId("dialog-close").sendKeys(Keys.ESCAPE);
    browser.waitFor(d -> !browser.byId("detail-dialog").isDisplayed());
    browser.waitFor(d -> "waiting-history".equals(d.switchTo().activeElement().getAttribute("data-testid")));

    browser.byId("lang-switch").click();
    browser.waitFor(d -> "临近或超过时限的工单".equals(d.findElement(By.id("cases-h")).getText()));
    browser.waitFor(d -> d.findElement(By.cssSelector(heldRow + "[data-testid='waiting-held']")).getText().equals("合规复核"));
    browser.scrollTo(browser.byId("cases-panel"));
    browser.screenshot("supervisor-cases-chinese");
    browser.byId("lang-switch").click();
    browser.waitFor(d -> "Queue wallboard".equals(d.findElement(By.id("wb-h")).getText()));

    // The customer is re-assessed as C4: the supervisor releases the contact, the gates pass
    // again and it goes to the queue it was meant for, held no more.
    WebElement form = browser.waitFor(d -> d.findElement(By.cssSelector(heldRow + "[data-testid='release-form']")));
    new Select(form.findElement(By.cssSelector("[data-testid='release-risk']"))).selectByValue("4");
    form.findElement(By.cssSelector("[data-testid='release-reason']")).sendKeys("questionnaire Q-118 by phone");
    browser.screenshot("supervisor-release-hold");
    form.findElement(By.cssSelector("[data-testid='release-submit']")).click();
    String releasedRow = "[data-testid='waiting-row'][data-contact='" + heldContactId + "'][data-held='false'] ";
    browser.waitFor(d -> d.findElement(By.cssSelector(releasedRow + "[data-testid='waiting-queue']"))
        .getAttribute("data-queue").equals("advice"));
    assertThat(engine.ok("GET", "/v1/contacts/" + heldContactId, SUPERVISOR, null)
        .getJsonObject("customer").getInteger("riskLevel")).isEqualTo(4);
  }

  @Test
  @Order(14)
  void theAgentSeesAnAccountOpeningCasesDeadlineAndRecordsItsStepAndTheReportsShowTheTargets() {
    // An account-opening desk (back-office email work) and the rules that name it, beside the others.
    engine.ok("PUT", "/v1/queues/accounts", ADMIN, new JsonObject()
        .put("name", "Account opening").put("channel", "email").put("offerTimeoutSeconds", 300).put("wrapUpSeconds", 0));
    JsonObject rules = engine.ok("GET", "/v1/rules", ADMIN, null);
    engine.ok("PUT", "/v1/rules", ADMIN, rules.put("accountOpening", new JsonObject().put("queue", "accounts")));
    // The major complaint's intake item still waits for a1 at a higher priority: park it with a
    // back office a1 does not staff, so that the application is what a1 is offered next.
    engine.ok("PUT", "/v1/queues/complaints-backoffice", ADMIN, new JsonObject().put("name", "Complaints back office")
        .put("skills", new JsonObject().put("backoffice", 1)));
    for (Object o : new JsonArray(engine.send("GET", "/v1/complaints?open=true", SUPERVISOR, (JsonObject) null).body())) {
      JsonObject work = ((JsonObject) o).getJsonObject("work");
      if (work != null && "queued".equals(work.getString("status"))) {
        engine.ok("POST", "/v1/contacts/" + work.getString("contactId") + "/transfer", SUPERVISOR,
            new JsonObject().put("queue", "complaints-backoffice"));
      }
    }
    // A branch ticket's account-opening application.
    JsonObject opened = engine.ok("POST", "/v1/cases", TELEPHONY, new JsonObject().put("type", "account_opening")
        .put("channel", "branch").put("customer", new JsonObject().put("id", "cust-40").put("name", "Sun Li")));
    String accountCase = opened.getString("id");
    assertThat(opened.getString("step")).isEqualTo("received");

    driver.switchTo().window(agentWindow);
    browser.byId("state-available").click();
    browser.waitFor(d -> browser.byId("offer-case").getText().equals(accountCase.substring(0, 8) + " · Documents checked"));
    browser.byId("offer-accept").click();
    browser.waitFor(d -> d.findElement(By.cssSelector("[data-testid='case-form'][data-step='documents_checked']")));
    assertThat(browser.byId("case-info-step").getText()).isEqualTo("Application received");
    // The deadline counts down, three days ahead (no calendar in these rules: every day counts).
    WebElement deadline = browser.byId("case-info-deadline");
    long due = Long.parseLong(deadline.getAttribute("data-deadline"));
    assertThat(due).isEqualTo(Instant.parse(opened.getString("deadline")).toEpochMilli());
    browser.waitFor(d -> browser.byId("case-info-deadline").getText().endsWith("left"));
    assertThat(browser.byId("case-info-deadline").getText()).as("just under three days left").startsWith("71 h");
    browser.scrollTo(browser.byId("case-info-step"));
    browser.screenshot("agent-account-opening-case");
    browser.byId("case-note").sendKeys("ID card and bank card verified at the counter.");
    browser.byId("case-submit").click();
    browser.visible("no-contacts");
    browser.waitFor(d -> browser.byId("notice").getText().contains("Documents checked recorded"));
    JsonObject kase = engine.ok("GET", "/v1/cases/" + accountCase, ADMIN, null);
    assertThat(kase.getString("step")).isEqualTo("documents_checked");
    JsonObject taken = kase.getJsonArray("steps").getJsonObject(1);
    assertThat(taken.getString("workedBy")).isEqualTo("a1");
    assertThat(taken.getString("note")).isEqualTo("ID card and bank card verified at the counter.");

    // The supervisor's headline report: the manual's targets beside the figures, in both languages.
    driver.switchTo().window(supervisorWindow);
    section("reports");
    new Select(browser.byId("report-kind")).selectByValue("headline");
    browser.byId("report-run").click();
    WebElement satisfaction = browser.waitFor(d -> d.findElement(
        By.cssSelector("[data-testid='target-row'][data-target='satisfaction']")));
    assertThat(satisfaction.getText()).contains("Satisfaction index").contains("at least 90");
    assertThat(browser.textOf("[data-testid='target-row'][data-target='account_opening']"))
        .contains("at most 3").contains("today 3.2").contains("No data");
    browser.scrollTo(browser.byId("report-output"));
    browser.screenshot("supervisor-report-targets");
    browser.byId("lang-switch").click();
    browser.waitFor(d -> d.findElement(By.cssSelector("[data-testid='target-row'][data-target='satisfaction']")).getText()
        .contains("满意度指数"));
    assertThat(browser.textOf("[data-testid='target-row'][data-target='account_opening']")).contains("不超过 3");
    browser.screenshot("supervisor-report-targets-chinese");
    browser.byId("lang-switch").click();
    section("live");
  }

  @Test
  @Order(15)
  void theAgentsReasonPickerUsesTheDomainsCatalogueInTheConsolesLanguage() {
    JsonObject reasons = new JsonObject().put("entries", new JsonArray()
        .add(entry("break", "Break", "小休", true)).add(entry("smoking", "Smoking", "吸烟", false))
        .add(entry("return-visit", "Return visits", "回访", true)));
    engine.ok("PUT", "/v1/catalogues/not-ready-reasons", ADMIN, reasons);
    driver.switchTo().window(agentWindow);
    driver.navigate().refresh();
    browser.waitFor(d -> options("state-reason").equals(List.of("break:Break", "return-visit:Return visits")));
    browser.byId("lang-switch").click();
    browser.waitFor(d -> options("state-reason").equals(List.of("break:小休", "return-visit:回访")));
    new Select(browser.byId("state-reason")).selectByValue("return-visit");
    browser.byId("state-not-ready").click();
    browser.waitFor(d -> browser.byId("agent-state").getText().endsWith("回访"));
    browser.screenshot("agent-catalogue-reason-chinese");
    browser.byId("lang-switch").click();
    browser.waitFor(d -> browser.byId("agent-state").getText().endsWith("Return visits"));
    // Back to free text for whatever runs after.
    engine.ok("PUT", "/v1/catalogues/not-ready-reasons", ADMIN, new JsonObject().put("entries", new JsonArray()));
  }

  // ------------------------------------------------------------------ helpers

  private static JsonObject entry(String code, String en, String zh, boolean active) {
    return new JsonObject().put("code", code).put("labels", new JsonObject().put("en", en).put("zh-CN", zh))
        .put("active", active);
  }

  /** A select's options as value:label. */
  private static List<String> options(String testid) {
    return browser.byId(testid).findElements(By.tagName("option")).stream()
        .map(o -> o.getAttribute("value") + ":" + o.getText()).toList();
  }

  /** Opens a section of the supervisor's page by its tab. */
  private static void section(String name) {
    driver.findElement(By.cssSelector("[data-testid='sup-tab'][data-section='" + name + "']")).click();
    browser.waitFor(d -> d.findElement(By.cssSelector("[data-testid='sup-section'][data-section='" + name + "']")).isDisplayed());
  }

  private static JsonObject agentJson(String id) {
    return engine.ok("GET", "/v1/agents/" + id, ADMIN, null);
  }

  /** Ends wrap-up, accepts the offered work item of the case and waits for the stage's form. */
  private static void takeCaseItem(String step) {
    browser.byId("state-available").click();
    browser.waitFor(d -> browser.byId("offer-case").getText().startsWith(caseId.substring(0, 8)));
    browser.byId("offer-accept").click();
    browser.waitFor(d -> d.findElement(By.cssSelector("[data-testid='case-form'][data-step='" + step + "']")));
  }

  /** Complaint cases and compliance review: the queues they need and the rules that name them. */
  private static void configureServiceRules() {
    engine.ok("PUT", "/v1/queues/complaints", ADMIN, new JsonObject().put("name", "Complaints")
        .put("offerTimeoutSeconds", 300).put("wrapUpSeconds", 300).put("sla", new JsonObject().put("answerWithinSeconds", 3600)));
    engine.ok("PUT", "/v1/queues/advice", ADMIN, new JsonObject().put("name", "Fund advice").put("channel", "voice"));
    engine.ok("PUT", "/v1/queues/review", ADMIN, new JsonObject().put("name", "Compliance review").put("channel", "voice"));
    engine.ok("PUT", "/v1/rules", ADMIN, new JsonObject().put("reviewQueue", "review")
        .put("complaints", new JsonObject().put("queue", "complaints").put("majorSeconds", 120).put("nearBreachPercent", 1)));
  }

  private static void configureCentre() {
    engine.ok("PUT", "/v1/queues/online-funds", ADMIN, new JsonObject().put("name", "Online funds").put("channel", "chat")
        .put("skills", new JsonObject().put("funds", 1)).put("offerTimeoutSeconds", 300).put("wrapUpSeconds", 300));
    engine.ok("PUT", "/v1/queues/funds-overflow", ADMIN, new JsonObject().put("name", "Funds overflow").put("channel", "chat")
        .put("skills", new JsonObject().put("funds", 1)));
    engine.ok("PUT", "/v1/queues/counter", ADMIN, new JsonObject().put("name", "Branch counter").put("channel", "branch")
        .put("site", "hq").put("offerTimeoutSeconds", 300));
    engine.ok("PUT", "/v1/agents/a1", ADMIN, new JsonObject().put("name", "Li Wei").put("skills", new JsonObject().put("funds", 3))
        .put("capacity", new JsonObject().put("chat", 3).put("voice", 0).put("branch", 0).put("email", 1).put("callback", 1)));
    engine.ok("PUT", "/v1/agents/a2", ADMIN, new JsonObject().put("name", "Zhang Min").put("site", "hq")
        .put("capacity", new JsonObject().put("branch", 1).put("voice", 0).put("chat", 0)));
  }

  private static String base() {
    return "http://127.0.0.1:" + config.httpPort();
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
}

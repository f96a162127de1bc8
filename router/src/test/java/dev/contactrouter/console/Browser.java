package dev.contactrouter.console;

import org.junit.jupiter.api.Assertions;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A headless Chromium for the console's browser tests that are not the main story of
 * {@link ConsoleBrowserIT} (which keeps its own copy of this set-up for now): Debian's chromium
 * and its chromedriver (nothing is downloaded), a fresh profile, bounded waits, the console's
 * {@code data-testid} lookups, and numbered screenshots in {@code target/screenshots/<name>}.
 */
final class Browser implements AutoCloseable {
  private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");
  static final Duration WAIT = Duration.ofSeconds(20);

  final WebDriver driver;
  private final Path shots;
  private int shot;

  private Browser(WebDriver driver, Path shots) {
    this.driver = driver;
    this.shots = shots;
  }

  /** Starts the browser, or fails naming what to install ({@code -Dskip.browser=true} skips the class). */
  static Browser start(String screenshots) throws IOException {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      Assertions.fail("the browser tests need Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
          + "): apt-get install -y chromium chromium-driver, or skip them with -D" + ConsoleBrowserIT.SKIP_PROPERTY
          + "=true");
    }
    Path shots = Paths.get(System.getProperty("screenshots.dir", "target/screenshots")).resolve(screenshots);
    Files.createDirectories(shots);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().withLogOutput(System.err).build();
    Path profile = Files.createTempDirectory("console-it-chromium");
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
        .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
            "--disable-extensions", "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
            "--lang=en-US", "--window-size=1280,800", "--user-data-dir=" + profile);
    WebDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(WAIT).scriptTimeout(WAIT);
    return new Browser(driver, shots);
  }

  /** Opens a page with the console's language chosen (as the switch would remember it). */
  void open(String url, String lang) {
    driver.get(url);
    ((JavascriptExecutor) driver).executeScript("localStorage.setItem('console.lang', arguments[0])", lang);
    driver.navigate().refresh();
  }

  void signIn(String user, String password) {
    WebElement form = waitFor(d -> byId("login-form"));
    form.findElement(By.name("username")).sendKeys(user);
    form.findElement(By.name("password")).sendKeys(password);
    byId("login-submit").click();
  }

  WebElement byId(String testid) {
    return driver.findElement(By.cssSelector("[data-testid='" + testid + "']"));
  }

  /** The text of the element a selector finds, once it is there and not empty; a re-render meanwhile is retried. */
  String textOf(String css) {
    return waitFor(d -> {
      String text = d.findElement(By.cssSelector(css)).getText();
      return text.isBlank() ? null : text;
    });
  }

  <T> T waitFor(Function<WebDriver, T> condition) {
    return new org.openqa.selenium.support.ui.WebDriverWait(driver, WAIT)
        .ignoring(StaleElementReferenceException.class).ignoring(org.openqa.selenium.NoSuchElementException.class)
        .until(condition::apply);
  }

  void screenshot(String name) {
    try {
      File png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
      Files.copy(png.toPath(), shots.resolve(String.format("%02d-%s.png", ++shot, name)),
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new AssertionError("could not save screenshot " + name, e);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}

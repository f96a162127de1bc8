package dev.contactrouter.console;

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
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page-level helper of the console's browser tests, over {@link Chromium}: bounded waits, the
 * console's {@code data-testid} lookups, sign-in, the chosen language, scripts, and numbered
 * screenshots in {@code target/screenshots/<name>} (emptied when the browser starts).
 */
final class Browser implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(20);

  final WebDriver driver;
  private final Path shots;
  private int shot;

  private Browser(WebDriver driver, Path shots) {
    this.driver = driver;
    this.shots = shots;
  }

  /** Starts the browser ({@link Chromium#start}) with a 1280 × 800 window, or fails naming what to install. */
  static Browser start(String screenshots) throws IOException {
    return start(screenshots, 1280, 800);
  }

  /** Starts the browser with a window of {@code width} × {@code height}, or fails naming what to install. */
  static Browser start(String screenshots, int width, int height) throws IOException {
    Path shots = Chromium.freshDirectory(
        Paths.get(System.getProperty("screenshots.dir", "target/screenshots")).resolve(screenshots));
    return new Browser(Chromium.start(width, height, WAIT), shots);
  }

  /** Opens a page with the console's language chosen (as the switch would remember it). */
  void open(String url, String lang) {
    driver.get(url);
    language(lang);
  }

  /** Chooses the console's language as the switch would remember it, and reloads the page. */
  void language(String lang) {
    script("localStorage.setItem('console.lang', arguments[0])", lang);
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

  /** The element with this {@code data-testid}, once it is visible. */
  WebElement visible(String testid) {
    return waitFor(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid='" + testid + "']"))::apply);
  }

  /** The text of the element a selector finds, once it is there and not empty; a re-render meanwhile is retried. */
  String textOf(String css) {
    return waitFor(d -> {
      String text = d.findElement(By.cssSelector(css)).getText();
      return text.isBlank() ? null : text;
    });
  }

  <T> T waitFor(Function<WebDriver, T> condition) {
    return waitFor(condition, WAIT);
  }

  <T> T waitFor(Function<WebDriver, T> condition, Duration limit) {
    return new WebDriverWait(driver, limit)
        .ignoring(StaleElementReferenceException.class).ignoring(org.openqa.selenium.NoSuchElementException.class)
        .until(condition::apply);
  }

  Object script(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(js, args);
  }

  double number(String js, Object... args) {
    return ((Number) script(js, args)).doubleValue();
  }

  /** Scrolls the element to the top of the window, so a screenshot shows it. */
  void scrollTo(WebElement element) {
    script("arguments[0].scrollIntoView({block: 'start'}); window.scrollBy(0, -16)", element);
  }

  /** Saves the window as the next numbered screenshot and returns where. */
  Path screenshot(String name) {
    try {
      Path target = shots.resolve(String.format("%02d-%s.png", ++shot, name));
      File png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
      Files.copy(png.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new AssertionError("could not save screenshot " + name, e);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}

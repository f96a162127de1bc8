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

/**
 * A page-level helper over {@link Chromium} for the console's browser tests that are not the main
 * story of {@link ConsoleBrowserIT}: bounded waits, the console's {@code data-testid} lookups, sign-in,
 * the chosen language, and numbered screenshots in {@code target/screenshots/<name>}.
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

  /** Starts the browser ({@link Chromium#start}), or fails naming what to install. */
  static Browser start(String screenshots) throws IOException {
    Path shots = Paths.get(System.getProperty("screenshots.dir", "target/screenshots")).resolve(screenshots);
    Files.createDirectories(shots);
    return new Browser(Chromium.start(1280, 800, WAIT), shots);
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

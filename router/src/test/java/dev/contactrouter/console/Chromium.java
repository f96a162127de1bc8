package dev.contactrouter.console;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import org.junit.jupiter.api.Assertions;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The browser of the console's browser tests: Debian's headless Chromium, driven through its own
 * chromedriver (nothing is downloaded). A missing browser fails the run, naming the install
 * command; only {@code -Dskip.browser=true} skips the tests, visibly.
 */
final class Chromium {
  static final Path BINARY = Paths.get("/usr/bin/chromium");
  static final Path DRIVER = Paths.get("/usr/bin/chromedriver");
  /** Set ({@code -Dskip.browser=true}) to skip the browser tests visibly on a machine without Chromium. */
  static final String SKIP_PROPERTY = "skip.browser";

  private Chromium() {}

  /** A new headless browser with a profile of its own and a window of {@code width} × {@code height}. */
  static WebDriver start(int width, int height, Duration wait) throws IOException {
    if (!Files.isExecutable(BINARY) || !Files.isExecutable(DRIVER)) {
      Assertions.fail("the browser tests need Debian's chromium and chromium-driver (" + BINARY + ", " + DRIVER
          + "), which are not installed: apt-get install -y chromium chromium-driver (or run bash .ci/run, "
          + "which installs them), or skip these tests explicitly with -D" + SKIP_PROPERTY + "=true");
    }
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(DRIVER.toFile())
        .usingAnyFreePort()
        .withLogOutput(System.err)
        .build();
    Path profile = Files.createTempDirectory("console-it-chromium");
    ChromeOptions options = new ChromeOptions()
        .setBinary(BINARY.toFile())
        .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
            "--disable-extensions", "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
            "--disable-backgrounding-occluded-windows", "--lang=en-US", "--window-size=" + width + "," + height,
            "--user-data-dir=" + profile);
    WebDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(wait).scriptTimeout(wait);
    return driver;
  }

  /** An empty directory for a test class's screenshots. */
  static Path freshDirectory(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      try (var old = Files.walk(dir)) {
        old.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
    return Files.createDirectories(dir);
  }
}

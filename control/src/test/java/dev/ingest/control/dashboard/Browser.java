package dev.ingest.control.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium from Debian's packages ({@code chromium}, {@code chromium-driver}) driven through Selenium,
 * with the few actions the dashboard tests need: type, click, wait for text, save a screenshot.
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private final ChromeDriver driver;
  private final Path screenshots;
  private final Duration timeout;

  Browser(Path profile, Path screenshots, Duration timeout) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
        "--window-size=1280,1400", "--user-data-dir=" + profile, "--no-first-run", "--disable-extensions",
        "--lang=en-US");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    this.driver = new ChromeDriver(service, options);
    this.screenshots = screenshots;
    this.timeout = timeout;
  }

  /** Requires Chromium (testkit's Requirement: fails under CI=true, skips the class locally with one line). */
  static void require() {
    dev.ingest.testkit.Requirement.require(available(),
        "headless Chromium and ChromeDriver (" + CHROMIUM + ", " + CHROMEDRIVER + ")",
        "apt-get install -y chromium chromium-driver (.ci/run does)");
  }

  /** True when Debian's chromium and chromedriver are installed. */
  static boolean available() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  void open(String url) {
    driver.get(url);
  }

  String url() {
    return driver.getCurrentUrl();
  }

  WebElement find(String css) {
    return until(d -> {
      List<WebElement> found = d.findElements(By.cssSelector(css));
      return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
    }, "visible " + css);
  }

  boolean displayed(String css) {
    return driver.findElements(By.cssSelector(css)).stream().anyMatch(WebElement::isDisplayed);
  }

  boolean present(String css) {
    return !driver.findElements(By.cssSelector(css)).isEmpty();
  }

  void type(String css, String text) {
    WebElement input = find(css);
    input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
    input.sendKeys(text);
  }

  void click(String css) {
    find(css).click();
  }

  String text(String css) {
    return find(css).getText();
  }

  /** Waits until the element's visible text contains {@code expected}; returns the text. */
  String waitForText(String css, String expected) {
    return waitForText(css, expected, timeout);
  }

  String waitForText(String css, String expected, Duration within) {
    return until(d -> {
      List<WebElement> found = d.findElements(By.cssSelector(css));
      String text = found.isEmpty() ? null : found.get(0).getText();
      return text != null && text.contains(expected) ? text : null;
    }, "'" + expected + "' in " + css, within);
  }

  void waitUntilGone(String css) {
    until(d -> d.findElements(By.cssSelector(css)).isEmpty() ? Boolean.TRUE : null, css + " to disappear");
  }

  <T> T until(Function<WebDriver, T> condition, String what) {
    return until(condition, what, timeout);
  }

  <T> T until(Function<WebDriver, T> condition, String what, Duration within) {
    WebDriverWait wait = new WebDriverWait(driver, within, Duration.ofMillis(200));
    // the dashboard re-renders: an element found and then replaced before it is read is looked up again
    wait.ignoring(StaleElementReferenceException.class);
    wait.withMessage(() -> "waiting for " + what + " on " + driver.getCurrentUrl() + "; status line: "
        + driver.findElements(By.id("status")).stream().map(WebElement::getText).findFirst().orElse(""));
    return wait.until(condition::apply);
  }

  /** Saves a PNG of the window as {@code <screenshots>/<name>.png}. */
  Path screenshot(String name) {
    try {
      Files.createDirectories(screenshots);
      Path file = screenshots.resolve(name + ".png");
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}

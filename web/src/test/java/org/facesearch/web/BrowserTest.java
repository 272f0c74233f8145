package org.facesearch.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.facesearch.indexer.testing.TestGalleries;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The pages in a real headless Chromium (the system's {@code chromium} and {@code chromedriver}):
 * upload an LFW photo, see its person first. Screenshots go to {@code target/screenshots/}.
 */
class BrowserTest {
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  @TempDir static Path dir;
  private static TestSite site;
  private static WebDriver browser;

  @BeforeAll
  static void start() throws IOException {
    Path chromium =
        executable("FACESEARCH_CHROMIUM", "chromium", "chromium-browser", "google-chrome");
    Path driver = executable("FACESEARCH_CHROMEDRIVER", "chromedriver");
    site = TestSite.withIndex(dir, TestGalleries.FIVE_PEOPLE, TestSite.settings());
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1200,1250");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(driver.toFile())
            .usingAnyFreePort()
            .build();
    browser = new ChromeDriver(service, options);
    Files.createDirectories(SCREENSHOTS);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (site != null) {
      site.close();
    }
  }

  /**
   * The browser CI installs. Missing is a failure, not a skip: a skipped browser test would hide a
   * broken page.
   */
  private static Path executable(String variable, String... names) {
    Optional<Path> found =
        Optional.ofNullable(System.getenv(variable))
            .map(Path::of)
            .filter(Files::isExecutable)
            .or(
                () ->
                    Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                        .flatMap(folder -> Stream.of(names).map(name -> Path.of(folder, name)))
                        .filter(Files::isExecutable)
                        .findFirst());
    if (found.isEmpty()) {
      fail(
          String.join("/", names)
              + " not found on PATH (or in $"
              + variable
              + "): the browser test needs Chromium and its driver; install them with `apt-get"
              + " install chromium chromium-driver` (.ci/run does)");
    }
    return found.get();
  }

  @Test
  void anUploadedPhotoShowsItsPersonFirst() throws IOException {
    browser.get(site.uri("/").toString());
    new Select(browser.findElement(By.id("top"))).selectByValue("5");
    browser
        .findElement(By.id("photo"))
        .sendKeys(site.photo("Serena_Williams", 5).toAbsolutePath().toString());

    List<WebElement> matches = awaitMatches();
    assertEquals(5, matches.size());
    assertEquals("Serena_Williams", matches.getFirst().getDomAttribute("data-identity"));
    assertTrue(
        matches.getFirst().getText().contains("Serena Williams"), matches.getFirst().getText());
    assertTrue(
        browser.findElement(By.id("verdict")).getText().contains("Looks like Serena Williams"));
    WebElement crop = browser.findElement(By.id("crop"));
    assertTrue(crop.getDomAttribute("src").startsWith("data:image/png;base64,"));
    assertImagesLoaded();
    screenshot("search-results.png");
  }

  @Test
  void aDroppedPhotoIsSearchedToo() {
    browser.get(site.uri("/").toString());
    String thumbnail =
        TestSite.json(site.get("/api/identities/Hugo_Chavez"))
            .get("images")
            .get(4)
            .get("thumbnail")
            .asString();
    // A real drop event carrying a real JPEG, as dragging a file onto the page produces.
    ((JavascriptExecutor) browser)
        .executeScript(
            """
            fetch(arguments[0]).then(r => r.blob()).then(blob => {
              const files = new DataTransfer();
              files.items.add(new File([blob], "dropped.jpg", { type: "image/jpeg" }));
              document.getElementById("drop").dispatchEvent(new DragEvent("drop", { dataTransfer: files, bubbles: true, cancelable: true }));
            });
            """,
            thumbnail);
    List<WebElement> matches = awaitMatches();
    assertEquals("Hugo_Chavez", matches.getFirst().getDomAttribute("data-identity"));
  }

  @Test
  void aStrangerIsShownAsUnknown() {
    Path stranger =
        TestSite.strangers().stream()
            .filter(
                photo -> {
                  HttpResponse<String> answer =
                      site.post("/api/query", TestSite.photoForm("photo", photo));
                  return answer.statusCode() == 200
                      && TestSite.json(answer).get("unknown").asBoolean();
                })
            .findFirst()
            .orElseThrow();
    browser.get(site.uri("/").toString());
    browser.findElement(By.id("photo")).sendKeys(stranger.toAbsolutePath().toString());
    awaitMatches();
    assertEquals(
        "Unknown: no one in the gallery is above the threshold",
        browser.findElement(By.id("verdict")).getText());
  }

  @Test
  void aPhotoWithoutAFaceSaysSoPlainly() throws IOException {
    Path wall = dir.resolve("wall.png");
    Files.write(wall, TestImages.blankWall());
    browser.get(site.uri("/").toString());
    browser.findElement(By.id("photo")).sendKeys(wall.toAbsolutePath().toString());
    WebElement message =
        wait(Duration.ofSeconds(30))
            .until(
                ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("#message:not(.info)")));
    assertTrue(message.getText().startsWith("No face found"), message.getText());
    assertTrue(!browser.findElement(By.id("results")).isDisplayed());
  }

  @Test
  void verifyShowsBothFacesAndTheDecision() throws IOException {
    browser.get(site.uri("/verify").toString());
    browser
        .findElement(By.id("photo-a"))
        .sendKeys(site.photo("Jean_Chretien", 3).toAbsolutePath().toString());
    browser
        .findElement(By.id("photo-b"))
        .sendKeys(site.photo("Jean_Chretien", 3).toAbsolutePath().toString());
    browser.findElement(By.id("verify-button")).click();
    WebElement verdict =
        wait(Duration.ofSeconds(30))
            .until(ExpectedConditions.visibilityOfElementLocated(By.id("verdict")));
    assertEquals("Same person", browser.findElement(By.id("decision")).getText());
    assertTrue(verdict.findElement(By.id("score")).getText().contains("threshold 0.600"));
    assertImagesLoaded();
    screenshot("verify.png");
  }

  @Test
  void theGalleryPagesShowPeopleAndTheirPhotos() throws IOException {
    browser.get(site.uri("/gallery").toString());
    List<WebElement> people = browser.findElements(By.cssSelector(".people li"));
    assertEquals(TestGalleries.FIVE_PEOPLE.size(), people.size());
    assertImagesLoaded();
    screenshot("gallery.png");
    browser.get(site.uri("/status").toString());
    assertTrue(browser.findElement(By.tagName("main")).getText().contains("pixels-32-grey"));
    screenshot("status.png");
    browser.get(site.uri("/gallery").toString());
    people = browser.findElements(By.cssSelector(".people li"));
    people.getLast().findElement(By.tagName("a")).click();
    assertEquals("Serena Williams", browser.findElement(By.tagName("h1")).getText());
    assertImagesLoaded();
  }

  private static List<WebElement> awaitMatches() {
    wait(Duration.ofSeconds(30))
        .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#matches .match")));
    return browser.findElements(By.cssSelector("#matches .match"));
  }

  /** Every image on the page (thumbnails, crops) actually decoded in the browser. */
  private static void assertImagesLoaded() {
    wait(Duration.ofSeconds(30))
        .until(
            b ->
                (Boolean)
                    ((JavascriptExecutor) b)
                        .executeScript(
                            "return [...document.images].filter(i => !i.hidden &&"
                                + " i.getAttribute('src')).every(i => i.complete && i.naturalWidth"
                                + " > 0);"));
  }

  private static WebDriverWait wait(Duration timeout) {
    return new WebDriverWait(browser, timeout);
  }

  private static void screenshot(String name) throws IOException {
    byte[] png = ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES);
    Files.write(SCREENSHOTS.resolve(name), png);
  }
}

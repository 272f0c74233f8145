package org.facesearch.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.facesearch.indexer.testing.TestGalleries;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
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
    assertTrue(crop.getDomAttribute("src").startsWith("data:image/jpeg;base64,"));
    assertImagesLoaded();
    screenshot("search-results.png");
  }

  /**
   * The overlay drawn over the uploaded photo: a box per face and a dot per landmark, each dot
   * inside its face's box as rendered; clicking the other face searches for that person.
   */
  @Test
  void everyFaceIsDrawnWithItsLandmarksAndClickingOneSearchesForIt() throws IOException {
    // Two gallery people in one photo, John Ashcroft larger (searched first), Hugo Chavez smaller.
    BufferedImage canvas = new BufferedImage(1000, 600, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = canvas.createGraphics();
    g.setColor(new Color(96, 104, 96));
    g.fillRect(0, 0, 1000, 600);
    g.drawImage(ImageIO.read(site.photo("Hugo_Chavez", 5).toFile()), 40, 140, 340, 340, null);
    g.drawImage(ImageIO.read(site.photo("John_Ashcroft", 1).toFile()), 500, 80, 440, 440, null);
    g.dispose();
    Path photo = dir.resolve("two-people.jpg");
    ImageIO.write(canvas, "jpg", photo.toFile());

    browser.get(site.uri("/").toString());
    browser.findElement(By.id("photo")).sendKeys(photo.toAbsolutePath().toString());
    assertEquals("John_Ashcroft", awaitMatches().getFirst().getDomAttribute("data-identity"));
    List<WebElement> boxes = awaitFaceBoxes();
    assertEquals(2, boxes.size(), "one box per face");
    List<WebElement> dots = browser.findElements(By.cssSelector("#faces .face-dot"));
    assertEquals(12, dots.size(), "six landmarks per face");
    for (WebElement box : boxes) {
      Rectangle r = box.getRect();
      long inside =
          dots.stream()
              .map(WebElement::getRect)
              .filter(d -> r.x <= d.x + d.width / 2 && d.x + d.width / 2 <= r.x + r.width)
              .filter(d -> r.y <= d.y + d.height / 2 && d.y + d.height / 2 <= r.y + r.height)
              .count();
      // The ears' tragions may sit on the box's edge; eyes, nose and mouth are well inside.
      assertTrue(inside >= 4, inside + " landmarks inside " + r);
    }
    WebElement chosen = browser.findElement(By.cssSelector("#faces .face-box.chosen"));
    WebElement other = browser.findElement(By.cssSelector("#faces .face-box:not(.chosen)"));
    Rectangle picture = browser.findElement(By.id("photo-faces")).getRect();
    assertTrue(
        chosen.getRect().x > picture.x + picture.width / 2, "the larger face is on the right");
    assertTrue(other.getRect().width < chosen.getRect().width);
    screenshot("faces.png");

    other.click();
    try {
      wait(Duration.ofSeconds(60))
          .ignoring(StaleElementReferenceException.class)
          .until(b -> "Hugo_Chavez".equals(firstMatch(b)));
    } catch (TimeoutException e) {
      screenshot("faces-click-failed.png");
      throw new AssertionError(
          "after clicking the smaller face the first match is "
              + firstMatch(browser)
              + ", message '"
              + browser.findElement(By.id("message")).getText()
              + "'",
          e);
    }
    // The boxes are drawn again once the photo reloads: the chosen one moves to the left.
    wait(Duration.ofSeconds(30))
        .ignoring(StaleElementReferenceException.class)
        .until(
            b -> {
              List<WebElement> now = b.findElements(By.cssSelector("#faces .face-box"));
              List<WebElement> chosenNow =
                  b.findElements(By.cssSelector("#faces .face-box.chosen"));
              return now.size() == 2
                  && chosenNow.size() == 1
                  && chosenNow.getFirst().getRect().x < picture.x + picture.width / 2;
            });
    assertEquals(12, browser.findElements(By.cssSelector("#faces .face-dot")).size());
    screenshot("faces-second.png");
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

  private static String firstMatch(WebDriver page) {
    return page.findElements(By.cssSelector("#matches .match")).stream()
        .findFirst()
        .map(m -> m.getDomAttribute("data-identity"))
        .orElse(null);
  }

  /** The face boxes, once drawn (when the photo has loaded). */
  private static List<WebElement> awaitFaceBoxes() {
    wait(Duration.ofSeconds(30))
        .until(b -> !b.findElements(By.cssSelector("#faces .face-box")).isEmpty());
    return browser.findElements(By.cssSelector("#faces .face-box"));
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

package org.facesearch.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import org.facesearch.indexer.testing.TestGalleries;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The JSON API against a real server over a five-person LFW index. */
class ApiTest {
  @TempDir static Path dir;
  private static TestSite site;

  @BeforeAll
  static void start() {
    site = TestSite.withIndex(dir, TestGalleries.FIVE_PEOPLE, TestSite.settings());
  }

  @AfterAll
  static void stop() {
    site.close();
  }

  /** An error answer: the status, and a JSON body that says the same status and no stack trace. */
  private static JsonNode error(HttpResponse<String> response, int status) {
    assertEquals(status, response.statusCode(), response.body());
    assertTrue(
        response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
        response.headers().toString());
    JsonNode body = TestSite.json(response);
    assertEquals(status, body.get("status").asInt());
    assertFalse(body.get("error").asString().isBlank());
    assertFalse(
        response.body().contains("Exception") || response.body().contains("\tat "),
        response.body());
    return body;
  }

  @Test
  void aGalleryPhotoFindsItsOwnPersonFirst() throws Exception {
    for (String person : TestGalleries.FIVE_PEOPLE) {
      HttpResponse<String> response =
          site.post(
              "/api/query", TestSite.photoForm("photo", site.photo(person, 5)).field("top", "3"));
      assertEquals(200, response.statusCode(), response.body());
      JsonNode answer = TestSite.json(response);
      JsonNode results = answer.get("results");
      assertEquals(3, results.size());
      assertEquals(person, results.get(0).get("identity").asString());
      assertEquals(1, results.get(0).get("rank").asInt());
      assertEquals(
          person,
          answer.get("match").asString(),
          "the photo itself is in the gallery: a match above the threshold");
      assertFalse(answer.get("unknown").asBoolean());
      assertEquals(TestSite.THRESHOLD, answer.get("threshold").asDouble(), 1e-9);
      double previous = Double.MAX_VALUE;
      Set<String> people = new TreeSet<>();
      for (JsonNode result : results) {
        assertTrue(result.get("score").asDouble() <= previous, "best first");
        previous = result.get("score").asDouble();
        people.add(result.get("identity").asString());
        // The pixel baseline has no 1:1 calibration: the field is there, and null. The index's
        // own 1:N one gives every look-alike a probability, the first the highest.
        assertTrue(
            result.has("verificationProbability") && result.get("verificationProbability").isNull(),
            result::toString);
        double p = result.get("identificationProbability").asDouble();
        assertTrue(p >= 0 && p <= 1, result::toString);
      }
      assertEquals(3, people.size(), "each person once");
      assertTrue(
          results.get(0).get("identificationProbability").asDouble()
              > results.get(1).get("identificationProbability").asDouble(),
          results::toString);
      assertTrue(answer.get("note").isNull(), answer::toString);
      String crop = answer.get("face").get("crop").asString();
      assertTrue(crop.startsWith("data:image/jpeg;base64,"));
      // The face framed like the gallery's images, small enough to send with every answer.
      byte[] jpeg = java.util.Base64.getDecoder().decode(crop.substring(crop.indexOf(',') + 1));
      java.awt.image.BufferedImage face =
          javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(jpeg));
      assertEquals(250, face.getWidth());
      assertEquals(250, face.getHeight());
      assertTrue(jpeg.length < 40_000, "a face crop of " + jpeg.length + " bytes");
      assertEquals(site.root.requireCurrent().name(), answer.get("build").asString());
    }
  }

  @Test
  void aLargePhonePhotoWithExifRotationIsTurnedUpright() throws Exception {
    int side = 3_000;
    byte[] phone =
        TestImages.sidewaysPhonePhoto(Files.readAllBytes(site.photo("Hugo_Chavez", 5)), side, true);
    assertTrue(phone.length > 1_000_000, "a phone-sized file: " + phone.length + " bytes");
    HttpResponse<String> response =
        site.post("/api/query", new Multipart().file("photo", "IMG_0042.JPG", "image/jpeg", phone));
    assertEquals(200, response.statusCode(), response.body());
    JsonNode answer = TestSite.json(response);
    assertEquals("Hugo_Chavez", answer.get("results").get(0).get("identity").asString());
    JsonNode face = answer.get("face");
    // Upright, the face is in the middle third of the picture, a bit above the centre, as in LFW.
    int centreX = face.get("x").asInt() + face.get("width").asInt() / 2;
    int centreY = face.get("y").asInt() + face.get("height").asInt() / 2;
    assertTrue(Math.abs(centreX - side / 2) < side / 6, "face centre x " + centreX);
    assertTrue(Math.abs(centreY - side / 2) < side / 6, "face centre y " + centreY);
    assertTrue(
        face.get("width").asInt() > side / 5, "the face is found at full resolution: " + face);

    // The same pixels without the EXIF tag are a sideways face: no longer a confident match.
    byte[] sideways =
        TestImages.sidewaysPhonePhoto(
            Files.readAllBytes(site.photo("Hugo_Chavez", 5)), side, false);
    HttpResponse<String> unturned =
        site.post(
            "/api/query", new Multipart().file("photo", "sideways.jpg", "image/jpeg", sideways));
    if (unturned.statusCode() == 200) {
      double turnedScore = answer.get("results").get(0).get("score").asDouble();
      double unturnedScore = TestSite.json(unturned).get("results").get(0).get("score").asDouble();
      assertTrue(unturnedScore < turnedScore - 0.1, unturnedScore + " vs " + turnedScore);
    } else {
      assertEquals(422, unturned.statusCode(), unturned.body());
    }
  }

  @Test
  void theFaceCropIsAJpegOfTheFramedFace() throws Exception {
    JsonNode answer =
        TestSite.json(
            site.post("/api/query", TestSite.photoForm("photo", site.photo("Serena_Williams", 3))));
    String crop = answer.get("face").get("crop").asString();
    byte[] png = Base64.getDecoder().decode(crop.substring(crop.indexOf(',') + 1));
    var image = ImageIO.read(new ByteArrayInputStream(png));
    assertEquals(250, image.getWidth());
    assertEquals(250, image.getHeight());
    assertTrue(answer.get("face").get("width").asInt() > 0);
  }

  @Test
  void resultThumbnailsAreTheGalleryImagesBytes() throws Exception {
    JsonNode best =
        TestSite.json(
                site.post("/api/query", TestSite.photoForm("photo", site.photo("Hugo_Chavez", 7))))
            .get("results")
            .get(0);
    HttpResponse<byte[]> thumbnail = site.getBytes(best.get("thumbnail").asString());
    assertEquals(200, thumbnail.statusCode());
    assertEquals("image/jpeg", thumbnail.headers().firstValue("Content-Type").orElseThrow());
    String id = best.get("thumbnail").asString().substring(Links.THUMBNAILS.length());
    assertEquals(
        id,
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(thumbnail.body())));
    // The query photo is itself a gallery image, so the best match is that very file.
    assertArrayEquals(Files.readAllBytes(site.photo("Hugo_Chavez", 7)), thumbnail.body());
  }

  @Test
  void aStrangerIsUnknownWhenNobodyReachesTheThreshold() {
    List<Path> strangers = TestSite.strangers();
    int unknown = 0;
    for (Path stranger : strangers) {
      HttpResponse<String> response =
          site.post("/api/query", TestSite.photoForm("photo", stranger));
      if (response.statusCode() == 422) {
        continue;
      }
      assertEquals(200, response.statusCode(), response.body());
      JsonNode answer = TestSite.json(response);
      boolean below = answer.get("results").get(0).get("score").asDouble() < TestSite.THRESHOLD;
      assertEquals(below, answer.get("unknown").asBoolean(), answer.toString());
      assertEquals(below, answer.get("match").isNull(), answer.toString());
      unknown += below ? 1 : 0;
    }
    assertTrue(unknown > 0, "some of " + strangers + " are unknown");
  }

  /** Two gallery people side by side, the second drawn larger, as a PNG. */
  private static java.io.ByteArrayOutputStream twoPeople() throws IOException {
    java.awt.image.BufferedImage canvas =
        new java.awt.image.BufferedImage(900, 520, java.awt.image.BufferedImage.TYPE_INT_RGB);
    java.awt.Graphics2D g = canvas.createGraphics();
    g.setColor(java.awt.Color.DARK_GRAY);
    g.fillRect(0, 0, 900, 520);
    g.drawImage(ImageIO.read(site.photo("Hugo_Chavez", 5).toFile()), 40, 120, 260, 260, null);
    g.drawImage(ImageIO.read(site.photo("John_Ashcroft", 3).toFile()), 440, 60, 420, 420, null);
    g.dispose();
    java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
    ImageIO.write(canvas, "png", png);
    return png;
  }

  /**
   * The answer's picture is the searched face's frame, which only it is framed for now, encoded as
   * the server always did (ImageIO's JPEG at quality 0.9): the same pixels for every face.
   */
  @Test
  void theAnswersPictureIsTheSearchedFaceAsItWasEncodedBefore() throws Exception {
    byte[] png = twoPeople().toByteArray();
    List<org.facesearch.data.face.FramedFace> found =
        site.faces.readAll(new org.facesearch.data.face.Photo("two.png", png));
    assertTrue(found.size() >= 2, found.toString());
    for (int face = 0; face < found.size(); face++) {
      JsonNode answer =
          TestSite.json(
              site.post(
                  "/api/query",
                  new Multipart()
                      .file("photo", "two.png", "image/png", png)
                      .field("face", String.valueOf(face))));
      String crop = answer.get("face").get("crop").asString();
      assertTrue(crop.startsWith("data:image/jpeg;base64,"), crop.substring(0, 30));
      var picture =
          ImageIO.read(
              new ByteArrayInputStream(
                  Base64.getDecoder().decode(crop.substring(crop.indexOf(',') + 1))));
      var before = ImageIO.read(new ByteArrayInputStream(imageIoJpeg(found.get(face).image())));
      assertArrayEquals(
          before.getRGB(0, 0, 250, 250, null, 0, 250),
          picture.getRGB(0, 0, 250, 250, null, 0, 250),
          "face " + face);
    }
  }

  /** How the server encoded the answer's picture before it used OpenCV's encoder. */
  private static byte[] imageIoJpeg(java.awt.image.BufferedImage image) throws IOException {
    java.io.ByteArrayOutputStream jpeg = new java.io.ByteArrayOutputStream();
    javax.imageio.ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    try (var out = new javax.imageio.stream.MemoryCacheImageOutputStream(jpeg)) {
      javax.imageio.ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(0.9f);
      writer.setOutput(out);
      writer.write(null, new javax.imageio.IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
    return jpeg.toByteArray();
  }

  @Test
  void everyFaceComesWithItsBoxAndLandmarksAndAnyOneCanBeSearched() throws Exception {
    java.io.ByteArrayOutputStream png = twoPeople();
    JsonNode largest =
        TestSite.json(
            site.post(
                "/api/query",
                new Multipart().file("photo", "two.png", "image/png", png.toByteArray())));
    // John_Ashcroft_0003 has a second person beside him: two or three faces.
    JsonNode faces = largest.get("faces");
    assertTrue(faces.size() >= 2, faces.toString());
    int hugo = -1;
    for (int i = 0; i < faces.size(); i++) {
      if (faces.get(i).get("x").asInt() + faces.get(i).get("width").asInt() < 440) {
        hugo = i;
      }
    }
    assertTrue(hugo > 0, "Hugo Chavez's smaller face is listed after the largest: " + faces);
    assertEquals(0, largest.get("faceIndex").asInt());
    assertEquals("John_Ashcroft", largest.get("results").get(0).get("identity").asString());
    JsonNode face = largest.get("face");
    assertTrue(face.get("x").asInt() > 440, "the larger face is searched by default: " + face);
    assertTrue(face.get("score").asDouble() > 0.5 && face.get("score").asDouble() <= 1);
    JsonNode eye = face.get("landmarks").get("rightEye");
    assertTrue(
        eye.get("x").asDouble() > face.get("x").asInt()
            && eye.get("x").asDouble() < face.get("x").asInt() + face.get("width").asInt(),
        face.toString());
    assertEquals(6, faces.get(hugo).get("landmarks").size());

    JsonNode second =
        TestSite.json(
            site.post(
                "/api/query",
                new Multipart()
                    .file("photo", "two.png", "image/png", png.toByteArray())
                    .field("face", String.valueOf(hugo))));
    assertEquals(hugo, second.get("faceIndex").asInt());
    assertEquals("Hugo_Chavez", second.get("results").get(0).get("identity").asString());
    JsonNode bad =
        error(
            site.post(
                "/api/query",
                new Multipart()
                    .file("photo", "two.png", "image/png", png.toByteArray())
                    .field("face", String.valueOf(faces.size()))),
            400);
    assertTrue(bad.get("error").asString().contains("'face'"), bad.toString());
  }

  @Test
  void topIsRespectedAndChecked() {
    JsonNode one =
        TestSite.json(
            site.post(
                "/api/query",
                TestSite.photoForm("photo", site.photo("John_Ashcroft", 3)).field("top", "1")));
    assertEquals(1, one.get("results").size());
    JsonNode all =
        TestSite.json(
            site.post(
                "/api/query",
                TestSite.photoForm("photo", site.photo("John_Ashcroft", 3)).field("top", "50")));
    assertEquals(
        TestGalleries.FIVE_PEOPLE.size(), all.get("results").size(), "only five people to find");
    for (String bad : List.of("0", "51", "many", "-3")) {
      JsonNode body =
          error(
              site.post(
                  "/api/query",
                  TestSite.photoForm("photo", site.photo("John_Ashcroft", 3)).field("top", bad)),
              400);
      assertTrue(body.get("error").asString().contains("top"), body.toString());
    }
  }

  @Test
  void notAnImageIs400() {
    JsonNode body =
        error(
            site.post(
                "/api/query",
                new Multipart()
                    .file("photo", "notes.txt", "text/plain", "hello, not a photo".getBytes())),
            400);
    assertTrue(body.get("error").asString().contains("not an image"), body.toString());
  }

  @Test
  void aCorruptJpegIs400() throws Exception {
    byte[] jpeg = Files.readAllBytes(site.photo("Serena_Williams", 5));
    byte[] truncated = Arrays.copyOf(jpeg, jpeg.length / 3);
    JsonNode body =
        error(
            site.post(
                "/api/query", new Multipart().file("photo", "cut.jpg", "image/jpeg", truncated)),
            400);
    assertTrue(body.get("error").asString().contains("cut.jpg"), body.toString());
  }

  @Test
  void anEmptyUploadIs400() {
    error(
        site.post(
            "/api/query", new Multipart().file("photo", "empty.jpg", "image/jpeg", new byte[0])),
        400);
  }

  @Test
  void aMissingPhotoFieldIs400() {
    JsonNode body = error(site.post("/api/query", new Multipart().field("top", "3")), 400);
    assertTrue(body.get("error").asString().contains("'photo'"), body.toString());
  }

  @Test
  void anUnsupportedImageFormatIs415() {
    JsonNode body =
        error(
            site.post(
                "/api/query",
                new Multipart().file("photo", "anim.gif", "image/gif", TestImages.gif())),
            415);
    assertTrue(body.get("error").asString().contains("GIF"), body.toString());
  }

  @Test
  void aRequestThatIsNotAFormIs415() {
    HttpRequest json =
        HttpRequest.newBuilder(site.uri("/api/query"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"photo\": \"me.jpg\"}"))
            .build();
    error(site.send(json), 415);
    HttpRequest raw =
        HttpRequest.newBuilder(site.uri("/api/verify"))
            .header("Content-Type", "image/jpeg")
            .POST(
                HttpRequest.BodyPublishers.ofByteArray(
                    new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}))
            .build();
    error(site.send(raw), 415);
  }

  @Test
  void aDeclaredLengthOverTheLimitIs413BeforeTheBodyIsSent() {
    byte[] big = new byte[(int) ServerSettings.DEFAULT_MAX_UPLOAD_BYTES + 200_000];
    Multipart form = new Multipart().file("photo", "huge.jpg", "image/jpeg", big);
    // With Expect: 100-continue the client sends the body only if the server asks for it.
    HttpRequest request =
        HttpRequest.newBuilder(site.uri("/api/query"))
            .expectContinue(true)
            .header("Content-Type", form.contentType())
            .POST(form.publisher())
            .build();
    JsonNode body = error(site.send(request), 413);
    assertTrue(body.get("error").asString().contains("10.0 MB"), body.toString());
  }

  @Test
  void aChunkedUploadOverTheLimitIs413() {
    byte[] big = new byte[(int) ServerSettings.DEFAULT_MAX_UPLOAD_BYTES + 200_000];
    big[0] = (byte) 0xFF;
    big[1] = (byte) 0xD8;
    big[2] = (byte) 0xFF;
    Multipart form = new Multipart().file("photo", "huge.jpg", "image/jpeg", big);
    byte[] bytes = form.bytes();
    // No Content-Length: only the multipart limits can stop it.
    HttpRequest request =
        HttpRequest.newBuilder(site.uri("/api/query"))
            .header("Content-Type", form.contentType())
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
            .build();
    error(site.send(request), 413);
  }

  @Test
  void anImageWithTooManyPixelsIs413() {
    JsonNode body =
        error(
            site.post(
                "/api/query",
                new Multipart()
                    .file("photo", "wide.png", "image/png", TestImages.hugeDimensions())),
            413);
    assertTrue(body.get("error").asString().contains("9000x8"), body.toString());
  }

  @Test
  void aPhotoWithoutAFaceIs422() {
    JsonNode body =
        error(
            site.post(
                "/api/query",
                new Multipart().file("photo", "wall.png", "image/png", TestImages.blankWall())),
            422);
    assertTrue(
        body.get("error").asString().contains("no face found in 'wall.png'"), body.toString());
  }

  @Test
  void verifyComparesTwoFaces() {
    HttpResponse<String> same =
        site.post(
            "/api/verify",
            TestSite.photoForm("a", site.photo("Serena_Williams", 1))
                .file("b", "b.jpg", "image/jpeg", bytes(site.photo("Serena_Williams", 1))));
    assertEquals(200, same.statusCode(), same.body());
    JsonNode identical = TestSite.json(same);
    assertTrue(identical.get("same").asBoolean());
    assertEquals(1.0, identical.get("score").asDouble(), 1e-4);
    assertEquals(TestSite.THRESHOLD, identical.get("threshold").asDouble(), 1e-9);
    assertTrue(identical.get("a").get("crop").asString().startsWith("data:image/jpeg;base64,"));
    assertTrue(identical.get("b").get("crop").asString().startsWith("data:image/jpeg;base64,"));

    JsonNode other =
        TestSite.json(
            site.post(
                "/api/verify",
                TestSite.photoForm("a", site.photo("Serena_Williams", 1))
                    .file("b", "b.jpg", "image/jpeg", bytes(site.photo("John_Ashcroft", 2)))));
    double score = other.get("score").asDouble();
    assertTrue(score < 0.999, "two different photos: " + score);
    assertEquals(score >= TestSite.THRESHOLD, other.get("same").asBoolean());
  }

  @Test
  void verifyErrorsNameThePhoto() {
    JsonNode noFace =
        error(
            site.post(
                "/api/verify",
                TestSite.photoForm("a", site.photo("Serena_Williams", 1))
                    .file("b", "wall.png", "image/png", TestImages.blankWall())),
            422);
    assertTrue(noFace.get("error").asString().contains("wall.png"), noFace.toString());
    JsonNode missing =
        error(
            site.post("/api/verify", TestSite.photoForm("a", site.photo("Serena_Williams", 1))),
            400);
    assertTrue(missing.get("error").asString().contains("'b'"), missing.toString());
  }

  @Test
  void identitiesArePagedAndFiltered() {
    JsonNode all = TestSite.json(site.get("/api/identities"));
    assertEquals(5, all.get("total").asInt());
    List<String> names =
        all.get("identities").valueStream().map(n -> n.get("identity").asString()).toList();
    assertEquals(TestGalleries.FIVE_PEOPLE, names, "alphabetical");

    JsonNode second = TestSite.json(site.get("/api/identities?size=2&page=2"));
    assertEquals(3, second.get("pages").asInt());
    assertEquals(
        List.of("John_Ashcroft", "Junichiro_Koizumi"),
        second.get("identities").valueStream().map(n -> n.get("identity").asString()).toList());

    JsonNode filtered = TestSite.json(site.get("/api/identities?q=serena%20w"));
    assertEquals(1, filtered.get("total").asInt());
    JsonNode serena = filtered.get("identities").get(0);
    assertEquals("Serena_Williams", serena.get("identity").asString());
    assertEquals(countFiles("Serena_Williams"), serena.get("images").asInt());

    error(site.get("/api/identities?page=0"), 400);
    error(site.get("/api/identities?size=x"), 400);
  }

  @Test
  void aPersonListsTheirImages() {
    JsonNode person = TestSite.json(site.get("/api/identities/Jean_Chretien"));
    assertEquals(countFiles("Jean_Chretien"), person.get("images").size());
    assertEquals(
        "images/Jean_Chretien/Jean_Chretien_0001.jpg",
        person.get("images").get(0).get("image").asString());
    assertEquals(
        200, site.getBytes(person.get("images").get(0).get("thumbnail").asString()).statusCode());
    error(site.get("/api/identities/Nobody_Here"), 404);
  }

  @Test
  void thumbnailsNeverServeAPathTheClientNames() {
    String secret = site.data.resolve("MANIFEST.sha256").toString();
    List<String> attacks =
        List.of(
            "/api/thumbnails/../../MANIFEST.sha256",
            "/api/thumbnails/..%2F..%2FMANIFEST.sha256",
            "/api/thumbnails/%2e%2e%2f%2e%2e%2fMANIFEST.sha256",
            "/api/thumbnails/%2e%2e/%2e%2e/MANIFEST.sha256",
            "/api/thumbnails/" + secret.replace("/", "%2F"),
            "/api/thumbnails/images%2FSerena_Williams%2FSerena_Williams_0001.jpg",
            "/api/thumbnails/" + "0".repeat(64));
    for (String attack : attacks) {
      HttpResponse<String> response =
          site.send(
              HttpRequest.newBuilder(
                      URI.create(site.server.uri().toString().replaceAll("/$", "") + attack))
                  .GET()
                  .build());
      assertTrue(
          response.statusCode() == 400 || response.statusCode() == 404,
          attack + " -> " + response.statusCode());
      assertFalse(response.body().contains("images/"), attack + " leaked " + response.body());
    }
  }

  @Test
  void statusSaysWhatIsServed() {
    JsonNode status = TestSite.json(site.get("/api/status"));
    assertTrue(status.get("ready").asBoolean());
    assertEquals("pixels-32-grey", status.get("model").get("id").asString());
    // Raw pixels: nothing but fp32 arithmetic computes them.
    assertEquals("fp32", status.get("model").get("inference").asString());
    assertEquals(TestSite.THRESHOLD, status.get("model").get("threshold").asDouble(), 1e-9);
    JsonNode index = status.get("index");
    assertEquals(site.root.requireCurrent().name(), index.get("build").asString());
    assertEquals(site.root.requireCurrent().manifest().images(), index.get("images").asInt());
    assertEquals(5, index.get("identities").asInt());
    assertEquals("pixels-32-grey", index.get("modelId").asString());
    assertEquals("pixels-32-grey", index.get("modelSource").asString());
    assertFalse(
        status.toString().contains(site.root.dir().toString()),
        "clients see no server paths: " + status);

    JsonNode health = TestSite.json(site.get("/api/health"));
    assertEquals("ok", health.get("status").asString());
    assertTrue(health.get("ready").asBoolean());
  }

  @Test
  void theOpenApiDescriptionCoversEveryEndpoint() {
    HttpResponse<String> response = site.get("/api/openapi.json");
    assertEquals(200, response.statusCode());
    JsonNode spec = TestSite.json(response);
    assertTrue(spec.get("openapi").asString().startsWith("3."));
    for (String path :
        List.of(
            "/api/query",
            "/api/verify",
            "/api/identities",
            "/api/identities/{identity}",
            "/api/thumbnails/{id}",
            "/api/status",
            "/api/health",
            "/api/enroll")) {
      assertTrue(spec.get("paths").has(path), path);
    }
  }

  @Test
  void unknownApiPathsAreJson404s() {
    error(site.get("/api/nothing-here"), 404);
  }

  @Test
  void adminActionsAreOffWithoutAToken() {
    error(
        site.post(
            "/api/enroll",
            TestSite.photoForm("photo", site.photo("Serena_Williams", 1)).field("name", "Someone")),
        404);
  }

  @Test
  void pagesRenderTheGallery() {
    HttpResponse<String> home = site.get("/");
    assertEquals(200, home.statusCode());
    assertTrue(
        home.headers()
            .firstValue("Content-Security-Policy")
            .orElse("")
            .contains("default-src 'self'"));
    assertTrue(home.body().contains("id=\"query-form\""));
    assertTrue(site.get("/verify").body().contains("id=\"verify-form\""));

    String gallery = site.get("/gallery?q=koizumi").body();
    assertTrue(gallery.contains("Junichiro Koizumi"), gallery);
    assertFalse(gallery.contains("Serena Williams"));

    HttpResponse<String> person = site.get("/gallery/Serena_Williams");
    assertEquals(200, person.statusCode());
    assertEquals(
        countFiles("Serena_Williams"), person.body().split(Links.THUMBNAILS, -1).length - 1);
    assertEquals(404, site.get("/gallery/Nobody_Here").statusCode());

    String status = site.get("/status").body();
    assertTrue(status.contains("pixels-32-grey"));
    assertTrue(status.contains(site.root.requireCurrent().name()));
    assertFalse(status.contains(site.root.dir().toString()), "no server paths: " + status);
    assertFalse(status.contains(site.data.toString()), "no server paths: " + status);

    HttpResponse<String> missing = site.get("/no-such-page");
    assertEquals(404, missing.statusCode());
    assertTrue(missing.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
    HttpResponse<String> badPage = site.get("/gallery?page=zero");
    assertEquals(400, badPage.statusCode());
    assertTrue(badPage.body().contains("&#39;page&#39; must be a whole number"), badPage.body());

    String escaped = site.get("/gallery?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E").body();
    assertFalse(escaped.contains("<script>alert(1)</script>"), "a filter is shown escaped");

    assertEquals(200, site.get("/static/site.css").statusCode());
    assertEquals(200, site.get("/static/search.js").statusCode());
  }

  private static int countFiles(String person) {
    try (var files = Files.list(site.data.resolve("images").resolve(person))) {
      return (int) files.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] bytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

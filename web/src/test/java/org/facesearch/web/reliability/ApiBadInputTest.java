package org.facesearch.web.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.facesearch.data.image.InvalidImageException.Reason;
import org.facesearch.data.testing.BadInputs;
import org.facesearch.data.testing.BadInputs.BadInput;
import org.facesearch.data.testing.Leftovers;
import org.facesearch.data.testing.LfwTestData;
import org.facesearch.indexer.testing.TestGalleries;
import org.facesearch.web.Multipart;
import org.facesearch.web.TestSite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Each awkward upload to {@code /api/query} and {@code /api/verify} on a real server: its specific
 * status and message, nothing written to the index or temp folder, and the server still answers a
 * good query right after.
 */
class ApiBadInputTest {
  private static final String PERSON = "Serena_Williams";

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

  static List<BadInput> corpus() {
    return BadInputs.corpus(photo(), PERSON);
  }

  private static Path photo() {
    return LfwTestData.root().resolve("images/" + PERSON + "/" + PERSON + "_0005.jpg");
  }

  /** The HTTP status the API documents for each reason a photo is refused. */
  private static int status(Reason reason) {
    return switch (reason) {
      case EMPTY, NOT_AN_IMAGE, CORRUPT -> 400;
      case UNSUPPORTED_FORMAT -> 415;
      case TOO_LARGE -> 413;
    };
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void eachRouteGivesItsSpecificStatusAndTheServerStaysUp(BadInput input) {
    Leftovers before = Leftovers.of(site.root.dir(), site.data);

    HttpResponse<String> query = site.post("/api/query", upload("photo", input));
    HttpResponse<String> verify =
        site.post("/api/verify", upload("a", input).file("b", "good.jpg", "image/jpeg", good()));
    switch (input.outcome()) {
      case BadInputs.Refused refused -> {
        for (HttpResponse<String> response : List.of(query, verify)) {
          JsonNode error = error(response, status(refused.reason()));
          assertTrue(error.get("error").asString().contains(input.fileName()), error.toString());
          assertTrue(error.get("error").asString().contains(refused.message()), error.toString());
        }
      }
      case BadInputs.NoFace none -> {
        for (HttpResponse<String> response : List.of(query, verify)) {
          JsonNode error = error(response, 422);
          assertTrue(error.get("error").asString().contains("no face found in"), error.toString());
          assertTrue(error.get("error").asString().contains(input.fileName()), error.toString());
        }
      }
      case BadInputs.Face face -> {
        assertEquals(200, query.statusCode(), query.body());
        assertEquals(
            face.person(),
            TestSite.json(query).get("results").get(0).get("identity").asString(),
            query.body());
        assertEquals(200, verify.statusCode(), verify.body());
        assertTrue(TestSite.json(verify).get("score").asDouble() > 0.9, verify.body());
      }
    }

    Set<String> added = before.addedBy(Leftovers.of(site.root.dir(), site.data));
    assertEquals(Set.of(), added, "left behind by " + input);
    HttpResponse<String> good = site.post("/api/query", upload("photo", goodInput()));
    assertEquals(200, good.statusCode(), good.body());
    assertEquals(PERSON, TestSite.json(good).get("results").get(0).get("identity").asString());
  }

  private static Multipart upload(String field, BadInput input) {
    return new Multipart().file(field, input.fileName(), "application/octet-stream", input.bytes());
  }

  private static byte[] good() {
    try {
      return Files.readAllBytes(photo());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static BadInput goodInput() {
    return new BadInput("good", "good.jpg", good(), new BadInputs.Face(PERSON));
  }

  /** An error answer: the status, a JSON body saying the same, and no stack trace. */
  private static JsonNode error(HttpResponse<String> response, int status) {
    assertEquals(status, response.statusCode(), response.body());
    JsonNode body = TestSite.json(response);
    assertEquals(status, body.get("status").asInt());
    assertFalse(
        response.body().contains("Exception") || response.body().contains("\tat "),
        response.body());
    return body;
  }
}

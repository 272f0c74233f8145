package org.facesearch.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.facesearch.data.timing.Stage;
import org.facesearch.indexer.testing.TestGalleries;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /api/query}'s {@code Server-Timing} header, from a real server on localhost. */
class ServerTimingTest {
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

  /** The header's metrics, by name; fails the test when there is none. */
  private static Map<String, Double> timing(HttpResponse<String> response) {
    String header =
        response
            .headers()
            .firstValue(ServerTiming.HEADER)
            .orElseThrow(() -> new AssertionError("no Server-Timing in " + response.headers()));
    return ServerTiming.parse(header);
  }

  private static double stagesSum(Map<String, Double> timing) {
    return timing.entrySet().stream()
        .filter(e -> !e.getKey().equals(ServerTiming.TOTAL))
        .mapToDouble(Map.Entry::getValue)
        .sum();
  }

  @Test
  void anAnswerSaysWhereItsTimeWentStageByStageWithinTheRequestsWallTime() {
    for (int number = 1; number <= 3; number++) {
      long start = System.nanoTime();
      HttpResponse<String> response =
          site.post(
              "/api/query",
              TestSite.photoForm("photo", site.photo(TestGalleries.FIVE_PEOPLE.get(0), number)));
      double wall = (System.nanoTime() - start) / 1e6;

      assertEquals(200, response.statusCode(), response.body());
      Map<String, Double> timing = timing(response);
      // Every stage an LFW photo goes through with this (raw-pixel, unaligned) model, in order;
      // "wait" only when another request held a shared network, so not here.
      List<String> expected =
          List.of(
              "upload", "decode", "detect", "frame", "align", "embed", "search", "respond",
              "total");
      assertEquals(
          expected,
          timing.keySet().stream().filter(name -> !name.equals("wait")).toList(),
          timing.toString());
      timing.forEach((name, millis) -> assertTrue(millis >= 0, name + ": " + millis));
      double total = timing.get(ServerTiming.TOTAL);
      // Each value is rounded to 0.01 ms in the header.
      assertTrue(
          stagesSum(timing) <= total + 0.005 * timing.size(),
          "stages add up to " + stagesSum(timing) + " ms, over the total: " + timing);
      assertTrue(total <= wall, "server total " + total + " ms, client wall " + wall + " ms");
      assertTrue(timing.get("embed") > 0 && timing.get("detect") > 0, timing.toString());
    }
  }

  @Test
  void aPhotoWithoutAFaceIsRefusedWithTheStagesItWentThrough() {
    HttpResponse<String> response =
        site.post(
            "/api/query",
            new Multipart().file("photo", "wall.png", "image/png", TestImages.blankWall()));

    assertEquals(422, response.statusCode(), response.body());
    Map<String, Double> timing = timing(response);
    assertTrue(
        timing.keySet().containsAll(Set.of("upload", "decode", "detect", "total")),
        timing.toString());
    assertFalse(timing.containsKey("embed"), "nothing to embed: " + timing);
  }

  @Test
  void aVerificationSaysWhereItsTimeWentForBothFacesTogether() throws IOException {
    String person = TestGalleries.FIVE_PEOPLE.get(1);
    Multipart form =
        TestSite.photoForm("a", site.photo(person, 1))
            .file("b", "b.jpg", "image/jpeg", Files.readAllBytes(site.photo(person, 2)));
    long start = System.nanoTime();
    HttpResponse<String> response = site.post("/api/verify", form);
    double wall = (System.nanoTime() - start) / 1e6;

    assertEquals(200, response.statusCode(), response.body());
    Map<String, Double> timing = timing(response);
    assertTrue(
        timing.keySet().containsAll(List.of("upload", "decode", "detect", "embed", "respond")),
        timing.toString());
    double total = timing.get(ServerTiming.TOTAL);
    assertTrue(stagesSum(timing) <= total + 0.005 * timing.size(), timing.toString());
    assertTrue(total <= wall, "server total " + total + " ms, client wall " + wall + " ms");
  }

  @Test
  void theHeaderReadsBackAsWritten() {
    Map<Stage, Double> stages = new LinkedHashMap<>();
    stages.put(Stage.DECODE, 1.25);
    stages.put(Stage.LANDMARKS, 7.5);

    String header = ServerTiming.header(stages, 12.0);

    assertEquals(
        "decode;dur=1.25;desc=\"decoding the photo\", landmarks;dur=7.50;desc=\""
            + Stage.LANDMARKS.description()
            + "\", total;dur=12.00;desc=\"the whole request in the server's handler\"",
        header);
    assertEquals(
        Map.of("decode", 1.25, "landmarks", 7.5, "total", 12.0), ServerTiming.parse(header));
  }

  @Test
  void anotherServersHeaderIsReadForWhatItHas() {
    assertEquals(
        Map.of("db", 53.0, "app", 47.2),
        ServerTiming.parse("miss, db;dur=53, app;dur=47.2, cache;desc=\"Cache Read\", x;dur=fast"));
  }
}

package org.facesearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.facesearch.indexer.testing.TestGalleries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code bench web} starts real servers in JVMs of their own and loads them over HTTP. */
class BenchWebCommandTest {

  @Test
  void comparesTwoServerSettingsSideBySide(@TempDir Path dir) {
    Path data = TestGalleries.copy(dir.resolve("lfw"), List.of("Hugo_Chavez", "Serena_Williams"));
    Path index = dir.resolve("index");
    SearchCommandsTest.Run built =
        SearchCommandsTest.run(
            "index",
            "--model",
            "pixels-32-grey",
            "--data",
            data.toString(),
            "--index",
            index.toString());
    assertEquals(0, built.exit(), built.err());

    SearchCommandsTest.Run run =
        SearchCommandsTest.run(
            "bench",
            "web",
            "--data",
            data.toString(),
            "--index",
            index.toString(),
            "--photos",
            "6",
            "--clients",
            "1,3",
            "--requests",
            "9",
            "--memory-at",
            "40",
            "--server-args",
            "--max-batch 1",
            "--server-args",
            "-J-Xmx256m --max-batch 8",
            "--json");

    assertEquals(0, run.exit(), run.err());
    JsonNode runs = JsonMapper.builder().build().readTree(run.out());
    List<String> settings = new ArrayList<>();
    runs.forEach(r -> settings.add(r.get("settings").asString()));
    assertEquals(List.of("--max-batch 1", "-J-Xmx256m --max-batch 8"), settings);
    for (JsonNode r : runs) {
      JsonNode report = r.get("report");
      assertTrue(report.get("url").asString().startsWith("http://127.0.0.1:"), report.toString());
      List<Integer> clients = new ArrayList<>();
      for (JsonNode level : report.get("levels")) {
        clients.add(level.get("clients").asInt());
        assertEquals(9, level.get("requests").asInt());
        assertEquals(0, level.get("errors").asInt(), level.toString());
        // The only answer besides 200 a gallery photo may get is 422, when no face is found.
        level.get("otherStatuses").properties().forEach(e -> assertEquals("422", e.getKey()));
        assertTrue(level.get("requestsPerSecond").asDouble() > 0);
        // The server's Server-Timing, stage by stage: never more at the median than the whole.
        Map<String, Double> stages = new LinkedHashMap<>();
        level
            .get("stages")
            .forEach(s -> stages.put(s.get("stage").asString(), s.get("p50Millis").asDouble()));
        assertTrue(
            stages.keySet().containsAll(List.of("decode", "detect", "embed", "search", "total")),
            stages.toString());
        stages.forEach(
            (name, millis) -> assertTrue(millis <= stages.get("total"), name + ": " + stages));
      }
      assertEquals(List.of(1, 3), clients);
      JsonNode memory = report.get("memory").get(0);
      assertEquals(40, memory.get("queries").asInt());
      assertTrue(memory.get("rssKib").asLong() > 50_000, "a server JVM is over 50 MB resident");
    }
  }

  @Test
  void withoutAnIndexItSaysWhereItLookedAndStartsNothing(@TempDir Path dir) {
    Path data = TestGalleries.copy(dir.resolve("lfw"), List.of("Hugo_Chavez"));
    SearchCommandsTest.Run run =
        SearchCommandsTest.run(
            "bench", "web", "--data", data.toString(), "--index", dir.resolve("none").toString());

    assertEquals(1, run.exit());
    assertTrue(run.err().startsWith("facesearch: no index at " + dir.resolve("none")), run.err());
  }

  @Test
  void aServerThatCannotStartIsReportedWithItsOwnWords(@TempDir Path dir) {
    Path data = TestGalleries.copy(dir.resolve("lfw"), List.of("Hugo_Chavez"));
    Path index = dir.resolve("index");
    SearchCommandsTest.run(
        "index",
        "--model",
        "pixels-32-grey",
        "--data",
        data.toString(),
        "--index",
        index.toString());

    // -J hands the option to the server's JVM, which refuses it.
    SearchCommandsTest.Run run =
        SearchCommandsTest.run(
            "bench",
            "web",
            "--data",
            data.toString(),
            "--index",
            index.toString(),
            "--server-args",
            "-J-XX:+NoSuchFacesearchOption");

    assertEquals(1, run.exit());
    assertTrue(run.err().startsWith("facesearch: the server exited with status 1"), run.err());
    assertTrue(run.err().contains("NoSuchFacesearchOption"), run.err());
  }

  @Test
  void aPidWithoutAUrlIsAUsageError() {
    SearchCommandsTest.Run run = SearchCommandsTest.run("bench", "web", "--pid", "1");
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("--pid"), run.err());
  }
}

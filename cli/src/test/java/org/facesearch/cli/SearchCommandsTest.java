package org.facesearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.facesearch.indexer.testing.TestGalleries;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * index, query, verify, enroll and reindex run in-process on a real LFW copy with the pixel model.
 */
class SearchCommandsTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final List<String> PEOPLE = List.of("Hugo_Chavez", "Serena_Williams");

  @TempDir static Path shared;
  private static Path data;
  private static Path index;
  private static JsonNode indexed;

  record Run(int exit, String out, String err) {
    JsonNode json() {
      return JSON.readTree(out);
    }
  }

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = FacesearchCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @BeforeAll
  static void buildIndex() {
    data = TestGalleries.copy(shared.resolve("lfw"), PEOPLE);
    index = shared.resolve("index");
    Run run =
        run(
            "index",
            "--model",
            "pixels-32-grey",
            "--data",
            data.toString(),
            "--index",
            index.toString(),
            "--json");
    assertEquals(0, run.exit(), run.err());
    indexed = run.json();
  }

  private static Path photo(String person, int number) {
    return data.resolve(String.format("images/%s/%s_%04d.jpg", person, person, number));
  }

  private static long filesIn(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.count();
    }
  }

  @Test
  void indexPrintsTheBuildSummary() throws IOException {
    long images =
        filesIn(data.resolve("images/Hugo_Chavez"))
            + filesIn(data.resolve("images/Serena_Williams"));
    assertEquals(images, indexed.get("images").asLong());
    assertEquals(2, indexed.get("identities").asInt());
    assertEquals(index.toString(), indexed.get("indexDir").asString());
    assertEquals("pixels-32-grey", indexed.get("modelId").asString());
    assertTrue(indexed.get("seconds").asDouble() > 0);
  }

  @Test
  void aWebpOfAnLfwPhotoFindsItsPerson() throws IOException {
    // A real WebP made from Serena_Williams_0005.jpg with libwebp (see the fixture's README.md).
    Path webp = shared.resolve("Serena_Williams_0005.webp");
    try (var in =
        SearchCommandsTest.class.getResourceAsStream(
            "/org/facesearch/data/image/Serena_Williams_0005.webp")) {
      Files.write(webp, in.readAllBytes());
    }
    Run run = run("query", webp.toString(), "--top", "1", "--index", index.toString(), "--json");

    assertEquals(0, run.exit(), run.err());
    JsonNode best = run.json().get("results").get(0);
    assertEquals("Serena_Williams", best.get("identity").asString());
    // Null for a model without a calibration, but there: the index's 1:N one, the model's 1:1 one.
    assertTrue(best.has("identificationProbability"), best.toString());
    assertTrue(best.has("verificationProbability"), best.toString());
  }

  @Test
  void queryTextSaysOnceWhatItsPercentagesAre() {
    Run run =
        run(
            "query",
            photo("Serena_Williams", 5).toString(),
            "--top",
            "2",
            "--exclude-image",
            "--index",
            index.toString());

    assertEquals(0, run.exit(), run.err());
    String[] lines = run.out().strip().split("\\R");
    assertEquals(4, lines.length, run.out());
    assertTrue(lines[1].matches(" +1\\. Serena_Williams +\\d\\.\\d{3} +[<>]?\\d+% .*"), lines[1]);
    assertTrue(
        lines[3].startsWith("(%: the chance that each is this face's person, calibrated on "),
        lines[3]);
    assertEquals("", run.err());
  }

  @Test
  void queryOnAnIndexFromBeforeLookAlikeProbabilitiesAnswersAndSaysSoOnce(@TempDir Path dir)
      throws IOException {
    Path old = dir.resolve("index");
    try (Stream<Path> files = Files.walk(index)) {
      for (Path file : files.toList()) {
        Path to = old.resolve(index.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(to);
        } else if (!file.getFileName().toString().equals(".lock")) {
          Files.copy(file, to);
        }
      }
    }
    String build = Files.readString(old.resolve("CURRENT")).strip();
    Path manifest = old.resolve("builds").resolve(build).resolve("build.json");
    JsonNode json = JSON.readTree(Files.readString(manifest));
    ((tools.jackson.databind.node.ObjectNode) json).remove(List.of("lookAlike", "noLookAlike"));
    Files.writeString(manifest, JSON.writeValueAsString(json));

    Run run =
        run(
            "query",
            photo("Serena_Williams", 5).toString(),
            "--top",
            "2",
            "--all-faces",
            "--index",
            old.toString(),
            "--json");

    assertEquals(0, run.exit(), run.err());
    JsonNode first = run.json().get("faces").get(0);
    assertEquals("Serena_Williams", first.get("results").get(0).get("identity").asString());
    assertTrue(first.get("results").get(0).get("identificationProbability").isNull());
    assertTrue(first.get("note").asString().contains("was made before facesearch fitted"));
    assertEquals(
        "facesearch: note: index build "
            + build
            + " was made before facesearch fitted look-alike calibrations, so its results have"
            + " no look-alike probabilities (any probability shown is the model's 1:1"
            + " verification one, which overrates a face's nearest look-alikes);"
            + " `facesearch reindex` fits one",
        run.err().strip(),
        "one sentence, once");

    // And a plain reindex does: the old build is out of date.
    Run reindex = run("reindex", "--index", old.toString());
    Run again =
        run("query", photo("Serena_Williams", 5).toString(), "--index", old.toString(), "--json");

    assertEquals(0, reindex.exit(), reindex.err());
    assertTrue(
        reindex
            .out()
            .startsWith(
                "Rebuilt: the serving build was made before facesearch fitted look-alike"
                    + " calibrations"),
        reindex.out());
    assertTrue(reindex.out().contains("look-alike probabilities fitted on"), reindex.out());
    assertEquals(0, again.exit(), again.err());
    assertTrue(again.json().get("note").isNull(), again.out());
    assertTrue(
        again.json().get("results").get(0).get("identificationProbability").isNumber(),
        again.out());
  }

  @Test
  void plainReindexLeavesAGalleryTooSmallForLookAlikeProbabilitiesAlone(@TempDir Path dir) {
    Path one = TestGalleries.copy(dir.resolve("lfw"), List.of("Serena_Williams"));
    Path own = dir.resolve("index");
    Run index =
        run(
            "index",
            "--model",
            "pixels-32-grey",
            "--data",
            one.toString(),
            "--index",
            own.toString());

    Run reindex = run("reindex", "--index", own.toString());
    Run query = run("query", photo("Serena_Williams", 5).toString(), "--index", own.toString());

    assertEquals(0, index.exit(), index.err());
    assertTrue(
        index
            .out()
            .contains(
                "no look-alike probabilities: its leave-one-out searches found the right person"
                    + " first every time or never"),
        index.out());
    assertEquals(0, reindex.exit(), reindex.err());
    assertTrue(reindex.out().startsWith("up to date"), reindex.out());
    assertEquals(0, query.exit(), query.err());
    assertTrue(
        query.err().endsWith("fits one (`facesearch enroll`, or a lower --min-faces)\n"),
        query.err());
  }

  @Test
  void anUnknownInferenceRuntimeIsNamedWithTheChoices() {
    Run run =
        run(
            "--runtime",
            "onnx",
            "query",
            photo("Serena_Williams", 5).toString(),
            "--index",
            index.toString());
    assertEquals(2, run.exit(), run.err());
    assertTrue(
        run.err()
            .contains(
                "--runtime: unknown inference runtime 'onnx'; expected one of auto, pytorch,"
                    + " onnxruntime"),
        run.err());
  }

  @Test
  void queryFindsThePersonAndPrintsTheFaceAndResults() {
    Run run =
        run(
            "query",
            photo("Serena_Williams", 5).toString(),
            "--top",
            "2",
            "--index",
            index.toString(),
            "--json");

    assertEquals(0, run.exit(), run.err());
    JsonNode result = run.json();
    for (String key : List.of("x", "y", "width", "height")) {
      assertTrue(result.get("face").get(key).isInt(), key);
    }
    JsonNode results = result.get("results");
    assertEquals(2, results.size());
    assertEquals("Serena_Williams", results.get(0).get("identity").asString());
    assertEquals(
        "images/Serena_Williams/Serena_Williams_0005.jpg", results.get(0).get("image").asString());
    assertTrue(results.get(0).get("score").asDouble() >= results.get(1).get("score").asDouble());
  }

  @Test
  void queryJsonCarriesTheDetectorsScoreAndLandmarksForEveryFace() {
    Run all =
        run(
            "query",
            photo("Hugo_Chavez", 3).toString(),
            "--top",
            "1",
            "--all-faces",
            "--index",
            index.toString(),
            "--json");
    assertEquals(0, all.exit(), all.err());
    JsonNode faces = all.json().get("faces");
    assertTrue(faces.size() >= 1, all.out());
    JsonNode first = faces.get(0).get("face");
    assertEquals("blazeface", first.get("detector").asString());
    assertTrue(first.get("score").asDouble() > 0.5, first.toString());
    assertEquals(6, first.get("landmarks").size(), first.toString());
    assertTrue(
        first.get("landmarks").get("rightEye").get("x").asDouble()
            < first.get("landmarks").get("leftEye").get("x").asDouble(),
        "the person's right eye is on the image's left: " + first);
    assertEquals("Hugo_Chavez", faces.get(0).get("results").get(0).get("identity").asString());

    Run haar =
        run(
            "query",
            photo("Hugo_Chavez", 3).toString(),
            "--detector",
            "haar",
            "--index",
            index.toString(),
            "--json");
    assertEquals(0, haar.exit(), haar.err());
    assertEquals("haar", haar.json().get("face").get("detector").asString());
    assertEquals(0, haar.json().get("face").get("landmarks").size());

    Run bad =
        run(
            "query",
            photo("Hugo_Chavez", 3).toString(),
            "--detector",
            "yolo",
            "--index",
            index.toString());
    assertEquals(2, bad.exit());
    assertTrue(bad.err().contains("blazeface|haar"), bad.err());
  }

  @Test
  void excludeImageLeavesTheQueryPhotoOut() {
    Run run =
        run(
            "query",
            photo("Hugo_Chavez", 9).toString(),
            "--top",
            "2",
            "--exclude-image",
            "--index",
            index.toString(),
            "--json");

    assertEquals(0, run.exit(), run.err());
    List<String> images = new ArrayList<>();
    run.json().get("results").forEach(r -> images.add(r.get("image").asString()));
    assertFalse(images.contains("images/Hugo_Chavez/Hugo_Chavez_0009.jpg"), images.toString());
    assertEquals(2, images.size());
  }

  @Test
  void noFaceExitsWithTwo(@TempDir Path dir) throws IOException {
    BufferedImage wall = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = wall.createGraphics();
    g.setColor(Color.LIGHT_GRAY);
    g.fillRect(0, 0, 300, 200);
    g.dispose();
    Path file = dir.resolve("wall.png");
    ImageIO.write(wall, "png", file.toFile());

    Run json = run("query", file.toString(), "--index", index.toString(), "--json");
    Run text = run("query", file.toString(), "--index", index.toString());
    Run verify =
        run(
            "verify",
            file.toString(),
            photo("Hugo_Chavez", 1).toString(),
            "--index",
            index.toString(),
            "--threshold",
            "0.5");

    assertEquals(ExitCodes.NO_FACE, json.exit());
    assertEquals(3, ExitCodes.NO_FACE, "documented in README and ExitCodes");
    assertEquals("no face found in " + file, json.json().get("error").asString());
    assertEquals(ExitCodes.NO_FACE, text.exit());
    assertTrue(text.err().contains("facesearch: no face found in " + file), text.err());
    assertEquals(ExitCodes.NO_FACE, verify.exit());
  }

  @Test
  void aFileThatIsNotAPhotoGetsTheDecodersMessage(@TempDir Path dir) throws IOException {
    Path text = Files.writeString(dir.resolve("notes.jpg"), "just text", StandardCharsets.UTF_8);
    Run run = run("query", text.toString(), "--index", index.toString());
    assertEquals(1, run.exit());
    assertTrue(run.err().contains("facesearch: " + text + ": not an image"), run.err());
  }

  @Test
  void verifyComparesAgainstTheThreshold() {
    String a = photo("Serena_Williams", 1).toString();
    Run same = run("verify", a, a, "--index", index.toString(), "--threshold", "0.9", "--json");
    Run noThreshold = run("verify", a, a, "--index", index.toString());

    assertEquals(0, same.exit(), same.err());
    assertTrue(same.json().get("same").asBoolean());
    assertEquals(1.0, same.json().get("score").asDouble(), 1e-5);
    assertEquals(0.9, same.json().get("threshold").asDouble());
    assertEquals(1, noThreshold.exit());
    assertTrue(noThreshold.err().contains("pass --threshold"), noThreshold.err());
  }

  @Test
  void enrolThenQueryFindsTheEnrolledPerson(@TempDir Path dir) throws IOException {
    Path own = dir.resolve("index");
    assertEquals(
        0,
        run(
                "index",
                "--model",
                "pixels-32-grey",
                "--data",
                data.toString(),
                "--index",
                own.toString())
            .exit());
    Path lfw = org.facesearch.data.testing.LfwTestData.root().resolve("images/Jean_Chretien");

    Run enrolled =
        run(
            "enroll",
            "Jean_C",
            lfw.resolve("Jean_Chretien_0001.jpg").toString(),
            lfw.resolve("Jean_Chretien_0002.jpg").toString(),
            "--index",
            own.toString(),
            "--json");
    Run badName =
        run(
            "enroll",
            "../Jean",
            lfw.resolve("Jean_Chretien_0001.jpg").toString(),
            "--index",
            own.toString());
    Run query =
        run(
            "query",
            lfw.resolve("Jean_Chretien_0002.jpg").toString(),
            "--top",
            "1",
            "--index",
            own.toString(),
            "--json");

    assertEquals(0, enrolled.exit(), enrolled.err());
    assertEquals(2, enrolled.json().get("images").size());
    assertTrue(Files.isRegularFile(own.resolve("enrolled/Jean_C/Jean_C_0002.jpg")));
    assertEquals(1, badName.exit());
    assertTrue(badName.err().contains("invalid person name '../Jean'"), badName.err());
    assertEquals("Jean_C", query.json().get("results").get(0).get("identity").asString());
    assertEquals(
        "enrolled/Jean_C/Jean_C_0002.jpg",
        query.json().get("results").get(0).get("image").asString());
  }

  @Test
  void reindexIsUpToDateUntilTheModelChanges(@TempDir Path dir) {
    Path own = dir.resolve("index");
    assertEquals(
        0,
        run(
                "index",
                "--model",
                "pixels-32-grey",
                "--data",
                data.toString(),
                "--index",
                own.toString())
            .exit());

    Run unchanged = run("reindex", "--index", own.toString());
    Run changed = run("reindex", "--model", "pixels-24-grey", "--index", own.toString(), "--json");
    Run queryNewModel =
        run("query", photo("Hugo_Chavez", 3).toString(), "--index", own.toString(), "--json");

    assertEquals(0, unchanged.exit(), unchanged.err());
    assertTrue(unchanged.out().startsWith("up to date"), unchanged.out());
    assertEquals(0, changed.exit(), changed.err());
    assertFalse(changed.json().get("upToDate").asBoolean());
    assertEquals(
        "the model changed from pixels-32-grey to pixels-24-grey",
        changed.json().get("reason").asString());
    assertEquals("pixels-24-grey", changed.json().get("summary").get("modelId").asString());
    assertEquals(
        0,
        queryNewModel.exit(),
        "the query takes the model the serving build was made with: " + queryNewModel.err());
  }

  @Test
  void queryWithoutAnIndexBuildsOneFirst(@TempDir Path dir) {
    Run run =
        run("query", photo("Hugo_Chavez", 1).toString(), "--index", dir.resolve("none").toString());
    assertEquals(1, run.exit());
    assertTrue(run.err().contains("no model given, no index at"), run.err());
    assertFalse(Files.exists(dir.resolve("none").resolve("CURRENT")));

    Run withModel =
        run(
            "query",
            photo("Hugo_Chavez", 1).toString(),
            "--model",
            "pixels-32-grey",
            "--data",
            data.toString(),
            "--index",
            dir.resolve("fresh").toString(),
            "--json");
    assertEquals(0, withModel.exit(), withModel.err());
    assertTrue(withModel.err().contains("building one with pixels-32-grey first"), withModel.err());
    assertEquals("Hugo_Chavez", withModel.json().get("results").get(0).get("identity").asText());
    assertTrue(Files.isRegularFile(dir.resolve("fresh").resolve("CURRENT")));
  }
}

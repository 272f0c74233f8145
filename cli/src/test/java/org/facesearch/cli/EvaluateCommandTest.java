package org.facesearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.facesearch.data.split.SeedSubset;
import org.facesearch.data.testing.LfwSample;
import org.facesearch.model.arch.Architecture;
import org.facesearch.model.arch.FaceNetwork;
import org.facesearch.model.bundle.ModelBundle;
import org.facesearch.model.bundle.ModelSpec;
import org.facesearch.model.bundle.Objective;
import org.facesearch.model.bundle.TrainingRecord;
import org.facesearch.model.engine.DeviceChoice;
import org.facesearch.model.engine.EngineOptions;
import org.facesearch.model.engine.TorchRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code facesearch evaluate} in-process on a small real LFW copy: four people with 52-55 photos
 * (so all four form the min-50 subset) and protocol files in LFW's format over their photos. The
 * full-size protocols are exercised by the searcher module's EvaluationTest.
 */
class EvaluateCommandTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final List<String> PEOPLE =
      List.of("Jacques_Chirac", "Jean_Chretien", "John_Ashcroft", "Serena_Williams");

  /** The people the test bundle says it was trained on. */
  private static final List<String> TRAINED_ON = List.of("Jean_Chretien", "Serena_Williams");

  private static final List<String> PLOTS =
      List.of(
          "roc.png",
          "roc-log-far.png",
          "scores.png",
          "reliability.png",
          "pca.png",
          "tsne.png",
          "tsne-faces.png");

  @TempDir static Path shared;
  private static Path data;
  private static Path pixelReport;
  private static JsonNode pixelJson;

  record Run(int exit, String out, String err) {}

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
  static void evaluateThePixelBaseline() throws IOException {
    data = LfwSample.copy(shared.resolve("lfw"), PEOPLE);
    writePairs(data.resolve("pairsDevTrain.txt"), 1, 20, 0);
    writePairs(data.resolve("pairsDevTest.txt"), 1, 10, 20);
    writePairs(data.resolve("pairs.txt"), 10, 2, 30);
    Files.writeString(
        data.resolve("peopleDevTrain.txt"),
        TRAINED_ON.size() + "\n" + String.join("\t50\n", TRAINED_ON) + "\t50\n");
    pixelReport = shared.resolve("pixel-report");
    Run run =
        run(
            "evaluate",
            "--pixels",
            "--data",
            data.toString(),
            "--report",
            pixelReport.toString(),
            "--json");
    assertEquals(0, run.exit(), run.err());
    pixelJson = JSON.readTree(run.out());
  }

  /**
   * A pairs file: a header ({@code N} or {@code folds N}), then per fold N matched pairs (one
   * person, photos 2k+1 and 2k+2) and N mismatched pairs (photo k+1 of two different people).
   * {@code offset} keeps the files' photos apart.
   */
  private static void writePairs(Path file, int folds, int perFold, int offset) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add(folds == 1 ? String.valueOf(perFold) : folds + "\t" + perFold);
    for (int fold = 0; fold < folds; fold++) {
      for (int i = 0; i < perFold; i++) {
        int k = (offset + fold * perFold + i) % 25;
        lines.add(PEOPLE.get(i % 4) + "\t" + (2 * k + 1) + "\t" + (2 * k + 2));
      }
      for (int i = 0; i < perFold; i++) {
        int k = (offset + fold * perFold + i) % 50;
        lines.add(
            PEOPLE.get(i % 4) + "\t" + (k + 1) + "\t" + PEOPLE.get((i + 1) % 4) + "\t" + (k + 1));
      }
    }
    Files.write(file, lines);
  }

  @Test
  void jsonNestsTheFiguresAndNamesTheReport() {
    assertEquals(
        List.of(
            "accuracy",
            "threshold",
            "trainAccuracy",
            "pairs",
            "calibration",
            "trainingOverlap",
            "mistakes"),
        names(pixelJson.get("view1")));
    // Each listed mistake is on the wrong side of the threshold (same person iff score >= it).
    double threshold = pixelJson.get("view1").get("threshold").asDouble();
    JsonNode mistakes = pixelJson.get("view1").get("mistakes");
    assertTrue(mistakes.size() > 0, "raw pixels make mistakes");
    for (JsonNode m : mistakes) {
      assertEquals(m.get("same").asBoolean(), m.get("score").asDouble() < threshold, m.toString());
      assertTrue(m.get("a").asText().contains("_0"), m.toString());
    }
    JsonNode calibration = pixelJson.get("view1").get("calibration");
    for (String key : List.of("slope", "intercept", "expectedCalibrationError", "reliability")) {
      assertTrue(calibration.has(key), "view1.calibration." + key);
    }
    int binned = 0;
    for (JsonNode bin : calibration.get("reliability")) {
      assertTrue(bin.get("predicted").asDouble() >= bin.get("low").asDouble(), bin.toString());
      assertTrue(bin.get("predicted").asDouble() <= bin.get("high").asDouble(), bin.toString());
      binned += bin.get("pairs").asInt();
    }
    assertEquals(pixelJson.get("view1").get("pairs").asInt(), binned, "every test pair in a bin");
    JsonNode view2 = pixelJson.get("view2");
    for (String key :
        List.of("accuracy", "stderr", "auc", "eer", "tarAtFar", "folds", "trainingOverlap")) {
      assertTrue(view2.has(key), "view2." + key);
    }
    assertEquals(List.of("0.001", "0.01"), names(view2.get("tarAtFar")));
    assertEquals(10, view2.get("folds").size());
    assertEquals(List.of("embeddings", "pixels"), names(pixelJson.get("ari")));
    assertEquals(List.of("top1", "top5"), names(pixelJson.get("knn")));
    assertEquals(4, pixelJson.get("clustering").get("people").asInt());
    assertEquals("pixels-64-rgb", pixelJson.get("model").get("id").asString());
    double accuracy = view2.get("accuracy").asDouble();
    assertTrue(accuracy >= 0 && accuracy <= 1, "accuracy " + accuracy);
    assertEquals(
        0, view2.get("trainingOverlap").get("seenPeople").asInt(), "raw pixels saw nobody");
    assertEquals(pixelReport.toAbsolutePath().toString(), pixelJson.get("report").asString());
  }

  @Test
  void theReportFolderHoldsThePlotsTheReportShows() throws IOException {
    String markdown = Files.readString(pixelReport.resolve("report.md"));
    String html = Files.readString(pixelReport.resolve("index.html"));
    for (String plot : PLOTS) {
      assertTrue(Files.size(pixelReport.resolve(plot)) > 1000, plot);
      assertTrue(markdown.contains("](" + plot + ")"), "report.md shows " + plot);
      assertTrue(html.contains("<img src=\"" + plot + "\""), "index.html shows " + plot);
    }
  }

  @Test
  void textOutputSummarisesAndReplacesAnEarlierReport() throws IOException {
    Path folder = shared.resolve("text-report");
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("report.md"), "an earlier report");
    Files.writeString(folder.resolve("stale.png"), "from the earlier report");
    Run run = run("evaluate", "--pixels", "--data", data.toString(), "--report", folder.toString());
    assertEquals(0, run.exit(), run.err());
    assertTrue(run.out().contains("View 1    accuracy"), run.out());
    assertTrue(run.out().contains("training overlap in pairs.txt: none"), run.out());
    assertTrue(
        run.out().contains("report    " + folder.toAbsolutePath().resolve("index.html")),
        run.out());
    assertTrue(
        Files.notExists(folder.resolve("stale.png")), "the earlier report was replaced whole");
    assertTrue(
        Files.readString(folder.resolve("report.md"))
            .startsWith("# facesearch evaluation: pixels-64-rgb"));
  }

  @Test
  void aBundleIsEvaluatedWithItsTrainingPeopleCounted() throws IOException {
    Path bundle = writeUntrainedBundle(shared.resolve("model"), "peopleDevTrain.txt");
    Path folder = shared.resolve("bundle-report");
    Run run =
        run(
            "evaluate",
            "--model",
            bundle.toString(),
            "--data",
            data.toString(),
            "--report",
            folder.toString(),
            "--json");
    assertEquals(0, run.exit(), run.err());
    JsonNode json = JSON.readTree(run.out());
    assertTrue(json.get("model").get("id").asString().startsWith("triplet-"), json.toString());

    // Count from the pairs file itself which of its people the bundle saw.
    Set<String> trainedOn = new HashSet<>(TRAINED_ON);
    Set<String> people = new HashSet<>();
    int pairsWithSeen = 0;
    List<String> lines = Files.readAllLines(data.resolve("pairs.txt"));
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split("\t");
      String other = f.length == 3 ? f[0] : f[2];
      people.add(f[0]);
      people.add(other);
      pairsWithSeen += trainedOn.contains(f[0]) || trainedOn.contains(other) ? 1 : 0;
    }
    long seen = people.stream().filter(trainedOn::contains).count();
    assertTrue(seen > 0 && seen < people.size(), "the test pairs mix seen and unseen people");
    JsonNode overlap = json.get("view2").get("trainingOverlap");
    assertEquals(people.size(), overlap.get("people").asInt());
    assertEquals(seen, overlap.get("seenPeople").asInt());
    assertEquals(pairsWithSeen, overlap.get("pairsWithSeenPerson").asInt());
    assertTrue(
        Files.readString(folder.resolve("report.md"))
            .contains(
                "Training overlap: " + seen + " of the " + people.size() + " people in pairs.txt"));
    // The raw-pixel comparison uses the bundle's crops: ResNet-18's 64x64 colour.
    assertEquals("pixels-64-rgb", json.get("clustering").get("pixelModel").asString());
  }

  @Test
  void pixelsAndModelTogetherAreAUsageError() {
    Run run = run("evaluate", "--pixels", "--model", "pixels-32-grey", "--data", data.toString());
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("--pixels and --model both name a model; give one"), run.err());
  }

  @Test
  void aFolderThatIsNotAReportIsLeftAlone() throws IOException {
    Path folder = Files.createDirectories(shared.resolve("notes"));
    Files.writeString(folder.resolve("todo.txt"), "keep me");
    Run run = run("evaluate", "--pixels", "--data", data.toString(), "--report", folder.toString());
    assertEquals(1, run.exit());
    assertTrue(
        run.err().startsWith("facesearch: will not replace " + folder.toAbsolutePath()), run.err());
    assertEquals("keep me", Files.readString(folder.resolve("todo.txt")));
  }

  @Test
  void missingDataIsNamed() {
    Path nowhere = shared.resolve("no-lfw-here");
    Run run = run("evaluate", "--pixels", "--data", nowhere.toString());
    assertEquals(1, run.exit());
    assertTrue(
        run.err().startsWith("facesearch: LFW data not found: tried " + nowhere.toAbsolutePath()),
        run.err());
  }

  @Test
  void aMissingBundleIsNamed() {
    Path nowhere = shared.resolve("no-model-here");
    Run run = run("evaluate", "--model", nowhere.toString(), "--data", data.toString());
    assertEquals(1, run.exit());
    assertTrue(
        run.err().contains("model bundle " + nowhere.toAbsolutePath() + " does not exist"),
        run.err());
  }

  @Test
  void aSeedProtocolModelIsRefusedOnAnotherSplitOfTheSeedSubset() throws IOException {
    Path bundle = writeUntrainedBundle(shared.resolve("seed-model"), SeedSubset.DEFAULT.id());
    Run run =
        run("evaluate", "--model", bundle.toString(), "--data", data.toString(), "--seed", "7");
    assertEquals(1, run.exit());
    assertTrue(
        run.err()
            .contains(
                "was trained on the seed subset's train photos as seed 42 splits them, so"
                    + " --seed 7 would test it on photos it trained on; evaluate it with --seed 42"),
        run.err());
  }

  /** An untrained ResNet-18 whose record says it drew its people from {@code source}. */
  private static Path writeUntrainedBundle(Path dir, String source) throws IOException {
    TorchRuntime runtime =
        TorchRuntime.start(new EngineOptions(Optional.empty(), DeviceChoice.CPU));
    try (NDManager manager = runtime.newManager()) {
      FaceNetwork network = new FaceNetwork(Architecture.RESNET18, Objective.TRIPLET.head());
      network.initialize(manager, 3);
      TrainingRecord training =
          new TrainingRecord(
              Map.of("trainingPeopleSource", source),
              "cpu",
              "none",
              0,
              0,
              Map.of(),
              0,
              Instant.now(),
              "test");
      return ModelBundle.write(
              dir, ModelSpec.standard(Objective.TRIPLET, Architecture.RESNET18), training, network)
          .directory();
    }
  }

  private static List<String> names(JsonNode node) {
    return List.copyOf(node.propertyNames());
  }
}

package org.facesearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.facesearch.data.testing.LfwTestData;
import org.facesearch.indexer.BuildManifest;
import org.facesearch.indexer.GalleryVectors;
import org.facesearch.indexer.testing.TestGalleries;
import org.facesearch.model.bundle.ModelBundle;
import org.facesearch.model.bundle.TeacherSpace;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A gallery embedded by the shipped distilled model's teacher (dlib-resnet) in the model's space,
 * searched by the model's queries: built, searched, enrolled into and re-indexed through the
 * commands, on real LFW photos.
 */
class TeacherGalleryCommandsTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Path SHIPPED = Path.of("../models/default");

  @TempDir static Path shared;
  private static Path data;

  @BeforeAll
  static void copyPeople() {
    data = TestGalleries.copy(shared.resolve("lfw"), List.of("Serena_Williams", "Jean_Chretien"));
  }

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = FacesearchCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private static JsonNode ok(String... args) {
    Run run = run(args);
    assertEquals(0, run.exit(), run.err());
    return JSON.readTree(run.out());
  }

  private static BuildManifest serving(Path index) throws IOException {
    try (var builds = Files.list(index.resolve("builds"))) {
      Path newest = builds.filter(Files::isDirectory).max(Path::compareTo).orElseThrow();
      return BuildManifest.readFrom(newest);
    }
  }

  @Test
  void theTeachersGalleryAnswersTheModelsQueriesTakesEnrolmentsAndIsKeptByReindex()
      throws IOException {
    Path index = shared.resolve("index-teacher");
    JsonNode built =
        ok(
            "index",
            "--model",
            SHIPPED.toString(),
            "--gallery",
            "teacher",
            "--data",
            data.toString(),
            "--index",
            index.toString(),
            "--json");
    String modelId = ModelBundle.open(SHIPPED).modelId();
    assertEquals(modelId, built.get("modelId").asString(), "the gallery is in the model's space");
    assertEquals(GalleryVectors.TEACHER, serving(index).gallery());

    // A photo of the gallery, queried by the model: found as its person, but its query vector is
    // the model's and the gallery's the teacher's, so not the same vector.
    String photo = data.resolve("images/Serena_Williams/Serena_Williams_0005.jpg").toString();
    JsonNode query = ok("query", photo, "--top", "2", "--index", index.toString(), "--json");
    JsonNode first = query.get("results").get(0);
    assertEquals("Serena_Williams", first.get("identity").asString());
    double score = first.get("score").asDouble();
    assertTrue(score > 0.6 && score < 0.99, "model against teacher, one photo: " + score);

    // Enrolled photos are embedded as the gallery was, so the model's query finds them.
    Path blair = LfwTestData.root().resolve("images/Tony_Blair");
    ok(
        "enroll",
        "Tony_Blair_Enrolled",
        blair.resolve("Tony_Blair_0001.jpg").toString(),
        blair.resolve("Tony_Blair_0002.jpg").toString(),
        "--index",
        index.toString(),
        "--json");
    JsonNode enrolled =
        ok(
            "query",
            blair.resolve("Tony_Blair_0003.jpg").toString(),
            "--top",
            "1",
            "--index",
            index.toString(),
            "--json");
    assertEquals("Tony_Blair_Enrolled", enrolled.get("results").get(0).get("identity").asString());

    // A reindex keeps the serving build's gallery vectors; asked for the model's, it rebuilds.
    Run same = run("reindex", "--index", index.toString());
    assertEquals(0, same.exit(), same.err());
    assertTrue(same.out().startsWith("up to date"), same.out());
    Run changed = run("reindex", "--gallery", "model", "--index", index.toString());
    assertEquals(0, changed.exit(), changed.err());
    assertTrue(
        changed.out().contains("the gallery's vectors changed from the teacher's to the model's"),
        changed.out());
    assertEquals(GalleryVectors.MODEL, serving(index).gallery());
  }

  @Test
  void aModelWithoutATeacherSpaceIsRefusedWithTheCommandThatMakesOne() throws IOException {
    Path copy = Files.createDirectories(shared.resolve("no-space"));
    for (String file : List.of("model.json", "weights.params")) {
      Files.copy(SHIPPED.resolve(file), copy.resolve(file));
    }
    Path index = shared.resolve("index-refused");
    Run run =
        run(
            "index",
            "--model",
            copy.toString(),
            "--gallery",
            "teacher",
            "--data",
            data.toString(),
            "--index",
            index.toString());
    assertNotEquals(0, run.exit());
    assertEquals(
        "facesearch: "
            + copy
            + " has no teacher space yet; make it with `facesearch models teacher-space --model "
            + copy
            + "`",
        run.err().strip());
    assertTrue(Files.notExists(index.resolve("builds")) || isEmpty(index.resolve("builds")));
    assertTrue(Files.notExists(copy.resolve(TeacherSpace.FILE)));
  }

  @Test
  void theTeacherSpaceIsMadeFromTheModelsTrainingFacesAndIndexesWithIt() throws IOException {
    Path copy = Files.createDirectories(shared.resolve("made-space"));
    for (String file : List.of("model.json", "weights.params")) {
      Files.copy(SHIPPED.resolve(file), copy.resolve(file));
    }
    Run made = run("models", "teacher-space", "--model", copy.toString(), "--faces", "96");
    assertEquals(0, made.exit(), made.err());
    assertTrue(made.out().startsWith("wrote " + copy.resolve(TeacherSpace.FILE)), made.out());
    TeacherSpace space = ModelBundle.open(copy).teacherSpace().orElseThrow();
    assertEquals(96, space.faces());
    assertEquals(128, space.centre().length);
    // The shipped one is the mean over all training faces: a sample of 96 lands near it.
    float[] all = ModelBundle.open(SHIPPED).teacherSpace().orElseThrow().centre();
    float[] sample = space.centre();
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int j = 0; j < all.length; j++) {
      dot += all[j] * sample[j];
      na += all[j] * all[j];
      nb += sample[j] * sample[j];
    }
    assertTrue(dot / Math.sqrt(na * nb) > 0.95, "cosine " + dot / Math.sqrt(na * nb));
    // Made again without --force: nothing to do.
    Run again = run("models", "teacher-space", "--model", copy.toString());
    assertEquals(0, again.exit(), again.err());
    assertTrue(again.out().startsWith("up to date"), again.out());
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      return files.findAny().isEmpty();
    }
  }
}

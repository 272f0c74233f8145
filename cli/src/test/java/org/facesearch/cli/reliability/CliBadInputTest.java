package org.facesearch.cli.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.facesearch.data.testing.BadInputs;
import org.facesearch.data.testing.BadInputs.BadInput;
import org.facesearch.data.testing.Leftovers;
import org.facesearch.data.testing.LfwTestData;
import org.facesearch.indexer.testing.TestGalleries;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each awkward file through {@code query}, {@code verify} and {@code enroll}, in-process: the
 * specific message and exit code, nothing left behind, and a good query works right after.
 */
class CliBadInputTest {
  private static final String PERSON = "Serena_Williams";

  @TempDir static Path shared;
  private static Path data;
  private static Path index;

  @BeforeAll
  static void buildIndex() {
    data = TestGalleries.copy(shared.resolve("lfw"), List.of("Hugo_Chavez", PERSON));
    index = shared.resolve("index");
    Cli built =
        Cli.run(
            "index",
            "--model",
            "pixels-32-grey",
            "--data",
            data.toString(),
            "--index",
            index.toString());
    assertEquals(0, built.exit(), built::toString);
  }

  static List<BadInput> corpus() {
    return BadInputs.corpus(photo(), PERSON);
  }

  private static Path photo() {
    return LfwTestData.root().resolve("images/" + PERSON + "/" + PERSON + "_0005.jpg");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void eachCommandGivesItsSpecificAnswerAndLeavesNothingBehind(BadInput input, @TempDir Path dir) {
    Path file = input.writeTo(dir);
    Leftovers before = Leftovers.of(index, data, dir);

    Cli query = Cli.run("query", file.toString(), "--index", index.toString(), "--json");
    Cli verify =
        Cli.run(
            "verify",
            file.toString(),
            photo().toString(),
            "--index",
            index.toString(),
            "--threshold",
            "0.5",
            "--json");
    switch (input.outcome()) {
      case BadInputs.Refused refused -> {
        assertRefused(query, file, refused);
        assertRefused(verify, file, refused);
        assertRefused(enroll(file), file, refused);
      }
      case BadInputs.NoFace none -> {
        String message = "no face found in " + file;
        // 3: no face, apart from 2, a usage error (see ExitCodes).
        assertEquals(3, query.exit(), query::toString);
        assertEquals(message, query.json().get("error").asString());
        assertEquals(3, verify.exit(), verify::toString);
        Cli enrolled = enroll(file);
        assertEquals(3, enrolled.exit(), enrolled::toString);
        assertTrue(enrolled.err().contains(message), enrolled::toString);
      }
      case BadInputs.Face face -> {
        assertEquals(0, query.exit(), query::toString);
        assertEquals(
            face.person(),
            query.json().get("results").get(0).get("identity").asString(),
            query::toString);
        assertEquals(0, verify.exit(), verify::toString);
        assertTrue(verify.json().get("same").asBoolean(), verify::toString);
        assertTrue(verify.json().get("score").asDouble() > 0.9, verify::toString);
      }
    }

    Set<String> added = before.addedBy(Leftovers.of(index, data, dir));
    assertEquals(Set.of(), added, "left behind by " + input);
    Cli good =
        Cli.run("query", photo().toString(), "--top", "1", "--index", index.toString(), "--json");
    assertEquals(0, good.exit(), good::toString);
    assertEquals(PERSON, good.json().get("results").get(0).get("identity").asString());
  }

  private static Cli enroll(Path file) {
    return Cli.run("enroll", "Newcomer", file.toString(), "--index", index.toString());
  }

  private static void assertRefused(Cli run, Path file, BadInputs.Refused refused) {
    assertEquals(1, run.exit(), run::toString);
    String line = run.err().isEmpty() ? run.out() : run.err();
    assertTrue(line.contains(file + refused.message()), run::toString);
    assertTrue(!line.contains("Exception") && !line.contains("\tat "), run::toString);
    assertTrue(Files.exists(file));
  }
}

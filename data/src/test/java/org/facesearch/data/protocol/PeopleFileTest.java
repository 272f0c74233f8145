package org.facesearch.data.protocol;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.testing.LfwTestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PeopleFileTest {
  private static LfwDataset lfw;

  @TempDir Path temp;

  @BeforeAll
  static void open() {
    lfw = LfwDataset.open(LfwTestData.root());
  }

  @Test
  void peopleTxtHasTenFoldsCoveringEveryone() {
    PeopleFile people = PeopleFile.read(lfw.protocolFile("people.txt"));
    assertEquals(10, people.folds().size());
    assertEquals(5_749, people.people().size());
    assertEquals(new TreeSet<>(lfw.identities()), new TreeSet<>(people.names()));
    assertEquals(601, people.folds().getFirst().size());
  }

  @Test
  void devTrainAndDevTestAreDisjointAndTogetherEveryone() {
    PeopleFile train = PeopleFile.read(lfw.protocolFile("peopleDevTrain.txt"));
    PeopleFile test = PeopleFile.read(lfw.protocolFile("peopleDevTest.txt"));
    assertEquals(1, train.folds().size());
    assertEquals(4_038, train.people().size());
    assertEquals(1_711, test.people().size());
    Set<String> shared = new HashSet<>(train.names());
    shared.retainAll(test.names());
    assertEquals(Set.of(), shared);
    Set<String> all = new TreeSet<>(train.names());
    all.addAll(test.names());
    assertEquals(new TreeSet<>(lfw.identities()), all);
  }

  @ParameterizedTest
  @CsvSource({"people.txt", "peopleDevTrain.txt", "peopleDevTest.txt"})
  void imageCountsMatchTheFolders(String name) {
    for (Person person : PeopleFile.read(lfw.protocolFile(name)).people()) {
      assertEquals(lfw.imagesOf(person.name()).size(), person.images(), person.name());
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "2 3                         | 1 | header",
        "2\\nA 1\\nB                 | 3 | person 2/2 'name n'",
        "2\\nA 1\\nB x               | 3 | 'x'",
        "2\\nA 1\\nB 1 2             | 3 | person 2/2",
        "2\\nA 1\\nA 3               | 3 | already listed on line 2",
        "2\\nA 1                     | 3 | the file ends here",
        "1\\nA 1\\nB 1               | 3 | end of the file",
        "2\\n1\\nA 1\\nB 2 3         | 4 | the number of people in fold 2/2",
        "2\\n1\\nA 1\\n2\\nB 1       | 6 | person 2/2 of fold 2",
        "2\\n\\nA 1\\nB 1            | 2 | empty line",
      })
  void malformedFilesNameFileAndLine(String content, int line, String expected) throws IOException {
    Path file =
        Files.writeString(temp.resolve("people.txt"), content.strip().replace("\\n", "\n") + "\n");
    ProtocolFormatException e =
        assertThrows(ProtocolFormatException.class, () -> PeopleFile.read(file));
    assertAll(
        () -> assertEquals(line, e.line(), e.getMessage()),
        () -> assertTrue(e.getMessage().startsWith(file + ":" + line + ": "), e.getMessage()),
        () -> assertTrue(e.getMessage().contains(expected), e.getMessage()));
  }
}

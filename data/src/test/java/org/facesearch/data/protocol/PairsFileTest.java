package org.facesearch.data.protocol;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.facesearch.data.ImageNotFoundException;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.testing.LfwTestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PairsFileTest {
  private static LfwDataset lfw;

  @TempDir Path temp;

  @BeforeAll
  static void open() {
    lfw = LfwDataset.open(LfwTestData.root());
  }

  @ParameterizedTest
  @CsvSource({"pairsDevTrain.txt, 1, 1100", "pairsDevTest.txt, 1, 500", "pairs.txt, 10, 300"})
  void realFilesHaveMatchedThenMismatchedPairsPerFold(String name, int folds, int perFold) {
    PairsFile file = PairsFile.read(lfw.protocolFile(name));
    assertEquals(folds, file.folds());
    assertEquals(folds * perFold * 2, file.pairs().size());
    for (int fold = 0; fold < folds; fold++) {
      List<FacePair> pairs = file.fold(fold);
      assertEquals(2 * perFold, pairs.size());
      for (int i = 0; i < pairs.size(); i++) {
        FacePair pair = pairs.get(i);
        assertEquals(i < perFold, pair.same(), name + " fold " + fold + " pair " + i);
        assertEquals(pair.same(), pair.a().identity().equals(pair.b().identity()));
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"pairsDevTrain.txt", "pairsDevTest.txt", "pairs.txt"})
  void everyReferencedImageExists(String name) {
    for (FacePair pair : PairsFile.read(lfw.protocolFile(name)).pairs()) {
      assertTrue(Files.isRegularFile(pair.a().resolve(lfw).path()), pair.a().key());
      assertTrue(Files.isRegularFile(pair.b().resolve(lfw).path()), pair.b().key());
    }
  }

  @Test
  void firstLinesParseAsWritten() {
    List<FacePair> pairs = PairsFile.read(lfw.protocolFile("pairs.txt")).pairs();
    // pairs.txt begins "Abel_Pacheco\t1\t4"; fold 1's first mismatched line follows 300 matched
    // ones.
    assertEquals(
        new FacePair(new ImageRef("Abel_Pacheco", 1), new ImageRef("Abel_Pacheco", 4), true, 0),
        pairs.getFirst());
    assertEquals(9, pairs.getLast().fold());
  }

  @Test
  void acceptsSpacesAndCarriageReturnsAsWhitespace() throws IOException {
    Path file = write("2\r\nA_B 1  2\r\nC_D\t1 3\r\nA_B 1 C_D 2\r\n  E_F 4 A_B 1\r\n\r\n");
    PairsFile pairs = PairsFile.read(file);
    assertEquals(4, pairs.pairs().size());
    assertEquals(new ImageRef("E_F", 4), pairs.pairs().get(3).a());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''                                        | 1 | header",
        "x                                         | 1 | the number of pairs",
        "1 2 3                                     | 1 | header",
        "2\\nA 1 2\\nA 1 3 4\\nA 1 B 2\\nB 1 C 2   | 3 | matched pair 2/2",
        "1\\nA 1 2\\nA 1 B                         | 3 | mismatched pair 1/1",
        "1\\nA 1 x\\nA 1 B 2                       | 2 | 'x'",
        "1\\nA 0 2\\nA 1 B 2                       | 2 | positive integer",
        "1\\nA 2 2\\nA 1 B 2                       | 2 | two different images",
        "1\\nA 1 2\\nA 1 A 2                       | 3 | two different people",
        "1\\nA 1 2                                 | 3 | the file ends here",
        "1\\n\\nA 1 2\\nA 1 B 2                    | 2 | empty line",
        "1\\nA 1 2\\nA 1 B 2\\nC 1 2               | 4 | end of the file",
        "2 1\\nA 1 2\\nA 1 B 2\\nA 1 B             | 4 | matched pair 1/1 of fold 2",
      })
  void malformedFilesNameFileAndLine(String content, int line, String expected) throws IOException {
    Path file = write(content.strip().replace("\\n", "\n") + "\n");
    ProtocolFormatException e =
        assertThrows(ProtocolFormatException.class, () -> PairsFile.read(file));
    assertAll(
        () -> assertEquals(line, e.line(), e.getMessage()),
        () -> assertTrue(e.getMessage().startsWith(file + ":" + line + ": "), e.getMessage()),
        () -> assertTrue(e.getMessage().contains(expected), e.getMessage()));
  }

  @Test
  void resolvingAnAbsentImageNamesIt() {
    ImageNotFoundException e =
        assertThrows(
            ImageNotFoundException.class, () -> new ImageRef("Aaron_Eckhart", 7).resolve(lfw));
    assertTrue(e.getMessage().contains("Aaron_Eckhart_0007"), e.getMessage());
  }

  private Path write(String content) throws IOException {
    return Files.writeString(temp.resolve("pairs.txt"), content);
  }
}

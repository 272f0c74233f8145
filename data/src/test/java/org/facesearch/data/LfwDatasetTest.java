package org.facesearch.data;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.facesearch.data.testing.LfwSample;
import org.facesearch.data.testing.LfwTestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LfwDatasetTest {
  private static LfwDataset lfw;

  @TempDir Path temp;

  @BeforeAll
  static void open() {
    lfw = LfwDataset.open(LfwTestData.root());
  }

  @Test
  void realCopyHasAllImagesAndPeople() {
    assertEquals(13_233, lfw.images().size());
    assertEquals(5_749, lfw.identities().size());
    assertEquals(0, lfw.ignoredFiles());
    assertEquals(LfwTestData.root(), lfw.root());
  }

  @ParameterizedTest
  @CsvSource({"1, 5749, 13233", "2, 1680, 9164", "20, 62, 3023", "50, 12, 1560", "70, 7, 1288"})
  void minFacesSubsetsMatchPublishedCounts(int minFaces, int identities, int images) {
    LfwDataset subset = lfw.subset(minFaces);
    assertEquals(identities, subset.identities().size());
    assertEquals(images, subset.images().size());
    assertTrue(
        subset.identities().stream().allMatch(name -> subset.imagesOf(name).size() >= minFaces));
  }

  @Test
  void imagesAreSortedByIdentityThenNumberAndPointAtRealFiles() {
    List<FaceImage> sorted = new ArrayList<>(lfw.images());
    sorted.sort(Comparator.comparing(FaceImage::identity).thenComparingInt(FaceImage::number));
    assertEquals(sorted, lfw.images());
    List<String> names = new ArrayList<>(lfw.identities());
    names.sort(null);
    assertEquals(names, lfw.identities());
    assertEquals("AJ_Cook", lfw.identities().getFirst());
    for (FaceImage image : lfw.images().subList(0, 50)) {
      assertTrue(Files.isRegularFile(image.path()), image.path().toString());
      assertEquals(image.fileName(), image.path().getFileName().toString());
      assertEquals(image.identity(), image.path().getParent().getFileName().toString());
    }
  }

  @Test
  void looksUpOneImage() {
    FaceImage image = lfw.image("George_W_Bush", 530);
    assertEquals("George_W_Bush_0530", image.key());
    assertEquals("George_W_Bush_0530.jpg", image.fileName());
    assertEquals(
        LfwTestData.root().resolve("images/George_W_Bush/George_W_Bush_0530.jpg"), image.path());
    assertEquals(530, lfw.imagesOf("George_W_Bush").size());
  }

  @Test
  void missingImageOrPersonIsNamed() {
    ImageNotFoundException number =
        assertThrows(ImageNotFoundException.class, () -> lfw.image("Aaron_Eckhart", 2));
    assertTrue(number.getMessage().contains("Aaron_Eckhart_0002"), number.getMessage());
    ImageNotFoundException person =
        assertThrows(ImageNotFoundException.class, () -> lfw.imagesOf("Nobody_Here"));
    assertTrue(person.getMessage().contains("Nobody_Here"), person.getMessage());
    ImageNotFoundException inSubset =
        assertThrows(ImageNotFoundException.class, () -> lfw.subset(20).image("Aaron_Eckhart", 1));
    assertTrue(inSubset.getMessage().contains("Aaron_Eckhart"), inSubset.getMessage());
  }

  @Test
  void restrictsToNamedPeople() {
    LfwDataset two = lfw.withIdentities(List.of("Tony_Blair", "Aaron_Eckhart"));
    assertEquals(List.of("Aaron_Eckhart", "Tony_Blair"), two.identities());
    assertEquals(1 + 144, two.images().size());
    ImageNotFoundException e =
        assertThrows(
            ImageNotFoundException.class,
            () -> lfw.withIdentities(List.of("Tony_Blair", "Nobody_Here")));
    assertTrue(e.getMessage().contains("Nobody_Here"), e.getMessage());
  }

  @Test
  void findsProtocolFilesAndNamesMissingOnes() {
    assertEquals(LfwTestData.root().resolve("pairs.txt"), lfw.protocolFile("pairs.txt"));
    DataNotFoundException e =
        assertThrows(
            DataNotFoundException.class, () -> lfw.subset(50).protocolFile("pairs_missing.txt"));
    assertEquals(DataNotFoundException.Missing.PROTOCOL_FILE, e.missing());
    assertEquals("LFW protocol file pairs_missing.txt not found in " + e.folder(), e.getMessage());
  }

  @Test
  void readsTheFlatLayoutOfTheOriginalTarballs() {
    Path flat = LfwSample.copy(temp.resolve("lfw"), List.of("Aaron_Eckhart", "Zico"), false);
    LfwDataset dataset = LfwDataset.open(flat);
    assertEquals(List.of("Aaron_Eckhart", "Zico"), dataset.identities());
    assertEquals(lfw.imagesOf("Zico").size() + 1, dataset.images().size());
    assertEquals(flat.resolve("Zico/Zico_0001.jpg"), dataset.image("Zico", 1).path());
  }

  @Test
  void skipsAndCountsFilesThatAreNotLfwPhotos() throws IOException {
    Path root = LfwSample.copy(temp.resolve("lfw"), List.of("Aaron_Eckhart", "Zico"));
    Path zico = root.resolve("images/Zico");
    Files.writeString(zico.resolve(".DS_Store"), "mac");
    Files.copy(zico.resolve("Zico_0001.jpg"), zico.resolve("Zico_0001 copy.jpg"));
    Files.copy(zico.resolve("Zico_0001.jpg"), zico.resolve("Pele_0001.jpg"));
    Files.copy(zico.resolve("Zico_0001.jpg"), zico.resolve("Zico_0000.jpg"));
    Files.createDirectories(root.resolve("images/Empty_Person"));
    LfwDataset dataset = LfwDataset.open(root);
    assertAll(
        () -> assertEquals(4, dataset.ignoredFiles()),
        () -> assertEquals(List.of("Aaron_Eckhart", "Zico"), dataset.identities()),
        () -> assertEquals(lfw.imagesOf("Zico").size() + 1, dataset.images().size()));
  }

  @Test
  void refusesAFolderWithoutPhotos() throws IOException {
    Path root = Files.createDirectories(temp.resolve("nothing/images"));
    DataNotFoundException e =
        assertThrows(DataNotFoundException.class, () -> LfwDataset.open(root.getParent()));
    assertEquals(DataNotFoundException.Missing.PHOTOS, e.missing());
    assertEquals(root.getParent().toAbsolutePath().normalize(), e.folder());
    assertTrue(e.getMessage().startsWith("not an LFW folder: " + root.getParent()), e.getMessage());
    assertFalse(e.getMessage().contains("facesearch "), e.getMessage());
  }
}

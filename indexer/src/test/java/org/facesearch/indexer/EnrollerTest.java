package org.facesearch.indexer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.testing.LfwTestData;
import org.facesearch.indexer.testing.PixelTestEmbedder;
import org.facesearch.indexer.testing.TestGalleries;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnrollerTest {
  @TempDir static Path shared;
  private static Path gallery;
  private static LfwDataset lfw;

  @BeforeAll
  static void copyData() {
    gallery = TestGalleries.copy(shared.resolve("lfw"), List.of("Serena_Williams"));
    lfw = LfwDataset.open(LfwTestData.root());
  }

  private static IndexRoot builtIndex(Path dir) {
    IndexRoot root = new IndexRoot(dir);
    new IndexBuilder(root, new PixelTestEmbedder()).build(new BuildSettings(gallery, 1, HnswParams.DEFAULT));
    return root;
  }

  private static Photo lfwPhoto(String identity, int number) {
    return Photo.read(lfw.image(identity, number).path());
  }

  private static Enroller enroller(IndexRoot root) {
    return new Enroller(root, new PixelTestEmbedder(), new FaceReader());
  }

  @Test
  void anEnrolledPersonIsFoundWithoutARebuild(@TempDir Path dir) throws IOException {
    IndexRoot root = builtIndex(dir);
    Build build = root.requireCurrent();
    int before = IndexFiles.documents(build.dir());

    Enrollment enrollment =
        enroller(root).enroll(new PersonName("Jean_C"), List.of(lfwPhoto("Jean_Chretien", 1), lfwPhoto("Jean_Chretien", 2), lfwPhoto("Jean_Chretien", 3)));

    assertEquals(
        List.of("enrolled/Jean_C/Jean_C_0001.jpg", "enrolled/Jean_C/Jean_C_0002.jpg", "enrolled/Jean_C/Jean_C_0003.jpg"),
        enrollment.images());
    assertEquals(build.name(), root.requireCurrent().name(), "no rebuild");
    assertEquals(before + 3, IndexFiles.documents(build.dir()));
    for (String image : enrollment.images()) {
      BufferedImage saved = ImageIO.read(root.dir().resolve(image).toFile());
      assertEquals(250, saved.getWidth());
      assertEquals(250, saved.getHeight());
    }
    List<Neighbour> hits = IndexFiles.nearest(build.dir(), new PixelTestEmbedder(), lfw.image("Jean_Chretien", 2).path(), 5);
    assertEquals("Jean_C", hits.getFirst().image().identity());
    assertEquals("enrolled/Jean_C/Jean_C_0002.jpg", hits.getFirst().image().image());
    assertEquals(GallerySource.ENROLLED, hits.getFirst().image().source());
    assertTrue(hits.getFirst().score() > 0.99f, "the saved JPEG copy is nearly the original: " + hits.getFirst().score());
    assertTrue(IndexFiles.temporaries(root).isEmpty());
  }

  @Test
  void laterEnrolmentsContinueTheNumberingAndRebuildsKeepThem(@TempDir Path dir) {
    IndexRoot root = builtIndex(dir);
    int lfwImages = root.requireCurrent().manifest().images();
    enroller(root).enroll(new PersonName("Jean_C"), List.of(lfwPhoto("Jean_Chretien", 1)));

    Enrollment second = enroller(root).enroll(new PersonName("Jean_C"), List.of(lfwPhoto("Jean_Chretien", 4)));
    ReindexOutcome rebuilt =
        new Reindexer(root, new PixelTestEmbedder()).reindex(new BuildSettings(gallery, 1, HnswParams.DEFAULT), true, 3);

    assertEquals(List.of("enrolled/Jean_C/Jean_C_0002.jpg"), second.images());
    assertInstanceOf(ReindexOutcome.Rebuilt.class, rebuilt);
    assertEquals(lfwImages + 2, rebuilt.build().manifest().images());
    assertEquals(2, rebuilt.build().manifest().identities());
    long enrolled = IndexFiles.images(rebuilt.build().dir()).stream().filter(i -> i.source() == GallerySource.ENROLLED).count();
    assertEquals(2, enrolled);
  }

  @Test
  void aPhotoThatIsNotAnImageAddsNothingOfTheCall(@TempDir Path dir) throws IOException {
    IndexRoot root = builtIndex(dir);
    int before = IndexFiles.documents(root.requireCurrent().dir());
    Photo text = new Photo("notes.jpg", "hello, not a photo".getBytes(StandardCharsets.UTF_8));

    UnreadablePhotoException e =
        assertThrows(
            UnreadablePhotoException.class,
            () -> enroller(root).enroll(new PersonName("Jean_C"), List.of(lfwPhoto("Jean_Chretien", 1), text)));

    assertTrue(e.getMessage().contains("notes.jpg"), e.getMessage());
    assertEquals(before, IndexFiles.documents(root.requireCurrent().dir()));
    assertFalse(Files.exists(root.enrolled().dir().resolve("Jean_C")));
    assertTrue(IndexFiles.temporaries(root).isEmpty());
  }

  @Test
  void namesThatCouldEscapeTheFolderAreRefused() {
    for (String bad : List.of("../evil", "a/b", "a\\b", "", " ", "a b", ".hidden", "..", "Zoë")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PersonName(bad));
      assertTrue(e.getMessage().contains("invalid person name"), e.getMessage());
    }
    assertEquals("Ada_Lovelace-2", new PersonName("Ada_Lovelace-2").value());
  }

  @Test
  void enrollingNeedsAnIndexBuiltWithTheSameModel(@TempDir Path dir) {
    IndexRoot empty = new IndexRoot(dir.resolve("empty"));
    assertThrows(
        IndexNotFoundException.class, () -> enroller(empty).enroll(new PersonName("X"), List.of(lfwPhoto("Jean_Chretien", 1))));

    IndexRoot root = builtIndex(dir.resolve("built"));
    Enroller otherModel = new Enroller(root, new PixelTestEmbedder("other-model"), new FaceReader());
    ModelMismatchException e =
        assertThrows(
            ModelMismatchException.class, () -> otherModel.enroll(new PersonName("X"), List.of(lfwPhoto("Jean_Chretien", 1))));
    assertTrue(e.getMessage().contains("pixels-32-grey") && e.getMessage().contains("other-model"), e.getMessage());
    assertFalse(Files.exists(root.enrolled().dir().resolve("X")));
  }
}

package org.facesearch.indexer.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.cache.CropCache;
import org.facesearch.data.image.InvalidImageException;
import org.facesearch.data.testing.LfwTestData;
import org.facesearch.indexer.Build;
import org.facesearch.indexer.BuildSettings;
import org.facesearch.indexer.Enroller;
import org.facesearch.indexer.Enrollment;
import org.facesearch.indexer.FaceReader;
import org.facesearch.indexer.GallerySource;
import org.facesearch.indexer.HnswParams;
import org.facesearch.indexer.IndexBuilder;
import org.facesearch.indexer.IndexNotFoundException;
import org.facesearch.indexer.ModelMismatchException;
import org.facesearch.indexer.Neighbour;
import org.facesearch.indexer.NoFaceException;
import org.facesearch.indexer.PersonName;
import org.facesearch.indexer.Photo;
import org.facesearch.indexer.ReindexOutcome;
import org.facesearch.indexer.Reindexer;
import org.facesearch.indexer.testing.TestGalleries;
import org.facesearch.indexer.testing.TestModels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnrollerTest {
  @TempDir static Path shared;
  private static CropCache cache;
  private static Path gallery;
  private static LfwDataset lfw;
  private static FaceReader faces;

  @BeforeAll
  static void setUp() {
    cache = new CropCache(shared.resolve("cache"));
    gallery = TestGalleries.copy(shared.resolve("lfw"), List.of("Serena_Williams"));
    lfw = LfwDataset.open(LfwTestData.root());
    faces = new FaceReader();
  }

  @AfterAll
  static void tearDown() {
    faces.close();
  }

  private static IndexRoot builtIndex(Path dir) {
    IndexRoot root = new IndexRoot(dir);
    new IndexBuilder(root, TestModels.pixels(), cache)
        .build(new BuildSettings(gallery, 1, HnswParams.DEFAULT, "pixels-32-grey"));
    return root;
  }

  private static Photo lfwPhoto(String identity, int number) {
    return Photo.read(lfw.image(identity, number).path());
  }

  private static Enroller enroller(IndexRoot root) {
    return new Enroller(root, TestModels.pixels(), faces);
  }

  /** A photo of a plain wall: decodes fine, holds no face. */
  private static Photo blankWall() throws IOException {
    BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(new Color(180, 170, 150));
    g.fillRect(0, 0, 320, 240);
    g.dispose();
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(image, "png", png);
    return new Photo("wall.png", png.toByteArray());
  }

  @Test
  void anEnrolledPersonIsFoundWithoutARebuild(@TempDir Path dir) throws IOException {
    IndexRoot root = builtIndex(dir);
    Build build = root.requireCurrent();
    int before = IndexFiles.documents(Path.of(build.location()));

    Enrollment enrollment =
        enroller(root)
            .enroll(
                new PersonName("Jean_C"),
                List.of(
                    lfwPhoto("Jean_Chretien", 1),
                    lfwPhoto("Jean_Chretien", 2),
                    lfwPhoto("Jean_Chretien", 3)));

    assertEquals(
        List.of(
            "enrolled/Jean_C/Jean_C_0001.jpg",
            "enrolled/Jean_C/Jean_C_0002.jpg",
            "enrolled/Jean_C/Jean_C_0003.jpg"),
        enrollment.images());
    assertEquals(build.name(), root.requireCurrent().name(), "no rebuild");
    assertEquals(before + 3, IndexFiles.documents(Path.of(build.location())));
    for (String image : enrollment.images()) {
      BufferedImage saved = ImageIO.read(root.dir().resolve(image).toFile());
      assertEquals(250, saved.getWidth());
      assertEquals(250, saved.getHeight());
    }
    // A query goes through the same detection and framing as the enrolment did.
    BufferedImage query = faces.read(lfwPhoto("Jean_Chretien", 2)).image();
    List<Neighbour> hits =
        IndexFiles.nearest(Path.of(build.location()), TestModels.pixels(), query, 5);
    assertEquals("Jean_C", hits.getFirst().image().identity());
    assertEquals("enrolled/Jean_C/Jean_C_0002.jpg", hits.getFirst().image().image());
    assertEquals(GallerySource.ENROLLED, hits.getFirst().image().source());
    assertTrue(
        hits.getFirst().score() > 0.99f,
        "the saved JPEG is nearly the framed face: " + hits.getFirst().score());
    assertTrue(IndexFiles.temporaries(root).isEmpty());
  }

  @Test
  void laterEnrolmentsContinueTheNumberingAndRebuildsKeepThem(@TempDir Path dir) {
    IndexRoot root = builtIndex(dir);
    int lfwImages = root.requireCurrent().manifest().images();
    enroller(root).enroll(new PersonName("Jean_C"), List.of(lfwPhoto("Jean_Chretien", 1)));

    Enrollment second =
        enroller(root).enroll(new PersonName("Jean_C"), List.of(lfwPhoto("Jean_Chretien", 4)));
    ReindexOutcome rebuilt =
        new Reindexer(root, TestModels.pixels(), cache)
            .reindex(new BuildSettings(gallery, 1, HnswParams.DEFAULT, "pixels-32-grey"), true, 3);

    assertEquals(List.of("enrolled/Jean_C/Jean_C_0002.jpg"), second.images());
    assertInstanceOf(ReindexOutcome.Rebuilt.class, rebuilt);
    assertEquals(lfwImages + 2, rebuilt.build().manifest().images());
    assertEquals(2, rebuilt.build().manifest().identities());
    long enrolled =
        IndexFiles.images(Path.of(rebuilt.build().location())).stream()
            .filter(i -> i.source() == GallerySource.ENROLLED)
            .count();
    assertEquals(2, enrolled);
  }

  @Test
  void aPhotoWithoutAFaceAddsNothingOfTheCall(@TempDir Path dir) throws IOException {
    IndexRoot root = builtIndex(dir);
    int before = IndexFiles.documents(Path.of(root.requireCurrent().location()));

    NoFaceException e =
        assertThrows(
            NoFaceException.class,
            () ->
                enroller(root)
                    .enroll(
                        new PersonName("Jean_C"),
                        List.of(lfwPhoto("Jean_Chretien", 1), blankWall())));

    assertEquals("no face found in wall.png", e.getMessage());
    assertEquals(before, IndexFiles.documents(Path.of(root.requireCurrent().location())));
    assertFalse(Files.exists(root.enrolled().dir().resolve("Jean_C")));
    assertTrue(IndexFiles.temporaries(root).isEmpty());
  }

  @Test
  void aPhotoThatIsNotAnImageAddsNothingOfTheCall(@TempDir Path dir) {
    IndexRoot root = builtIndex(dir);
    int before = IndexFiles.documents(Path.of(root.requireCurrent().location()));
    Photo text = new Photo("notes.jpg", "hello, not a photo".getBytes(StandardCharsets.UTF_8));

    InvalidImageException e =
        assertThrows(
            InvalidImageException.class,
            () ->
                enroller(root)
                    .enroll(new PersonName("Jean_C"), List.of(lfwPhoto("Jean_Chretien", 1), text)));

    assertEquals(InvalidImageException.Reason.NOT_AN_IMAGE, e.reason());
    assertTrue(e.getMessage().startsWith("notes.jpg"), e.getMessage());
    assertEquals(before, IndexFiles.documents(Path.of(root.requireCurrent().location())));
    assertFalse(Files.exists(root.enrolled().dir().resolve("Jean_C")));
  }

  @Test
  void namesThatCouldEscapeTheFolderAreRefused() {
    for (String bad : List.of("../evil", "a/b", "a\\b", "", " ", "a b", ".hidden", "..", "Zoë")) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> new PersonName(bad));
      assertTrue(e.getMessage().contains("invalid person name"), e.getMessage());
    }
    assertEquals("Ada_Lovelace-2", new PersonName("Ada_Lovelace-2").value());
  }

  @Test
  void enrollingNeedsAnIndexBuiltWithTheSameModel(@TempDir Path dir) {
    IndexRoot empty = new IndexRoot(dir.resolve("empty"));
    assertThrows(
        IndexNotFoundException.class,
        () -> enroller(empty).enroll(new PersonName("X"), List.of(lfwPhoto("Jean_Chretien", 1))));

    IndexRoot root = builtIndex(dir.resolve("built"));
    Enroller otherModel = new Enroller(root, TestModels.otherPixels(), faces);
    ModelMismatchException e =
        assertThrows(
            ModelMismatchException.class,
            () -> otherModel.enroll(new PersonName("X"), List.of(lfwPhoto("Jean_Chretien", 1))));
    assertTrue(
        e.getMessage().contains("pixels-32-grey") && e.getMessage().contains("pixels-24-grey"),
        e.getMessage());
    assertFalse(Files.exists(root.enrolled().dir().resolve("X")));
  }
}

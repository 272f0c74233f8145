package org.facesearch.searcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.facesearch.data.FaceImage;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.assets.TestAssets;
import org.facesearch.data.cache.CropCache;
import org.facesearch.data.detect.DetectorKind;
import org.facesearch.data.face.FaceReader;
import org.facesearch.data.face.NoFaceException;
import org.facesearch.data.face.Photo;
import org.facesearch.data.image.ImageLimits;
import org.facesearch.data.image.InvalidImageException;
import org.facesearch.data.testing.LfwTestData;
import org.facesearch.indexer.BuildSettings;
import org.facesearch.indexer.HnswParams;
import org.facesearch.indexer.IndexBuilder;
import org.facesearch.indexer.ModelMismatchException;
import org.facesearch.indexer.Neighbour;
import org.facesearch.indexer.ServingGallery;
import org.facesearch.indexer.lucene.IndexRoot;
import org.facesearch.indexer.testing.TestGalleries;
import org.facesearch.indexer.testing.TestModels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GallerySearcherTest {
  @TempDir static Path shared;
  private static CropCache cache;
  private static LfwDataset gallery;
  private static IndexRoot root;
  private static FaceReader faces;
  private static GallerySearcher searcher;

  @BeforeAll
  static void buildIndex() {
    cache = new CropCache(shared.resolve("cache"));
    Path data = TestGalleries.fivePeople(shared.resolve("lfw"));
    gallery = LfwDataset.open(data);
    root = new IndexRoot(shared.resolve("index"));
    new IndexBuilder(root, TestModels.pixels(), cache)
        .build(new BuildSettings(data, 1, HnswParams.DEFAULT, "pixels-32-grey"));
    faces = FaceReader.open(DetectorKind.BLAZEFACE, TestAssets.store(), ImageLimits.DEFAULT);
    searcher = new GallerySearcher(root, TestModels.pixels(), faces, OptionalDouble.empty());
  }

  @AfterAll
  static void close() {
    searcher.close();
    faces.close();
  }

  private static Photo photo(FaceImage image) {
    return Photo.read(image.path());
  }

  @Test
  void aGalleryPhotoFindsItsOwnPersonAndImageFirst() {
    for (String person : TestGalleries.FIVE_PEOPLE) {
      FaceImage image = gallery.image(person, 5);
      LookAlikeResult result =
          searcher.lookAlikes(photo(image), new LookAlikeQuery(3, false, false));

      LookAlike best = result.results().getFirst();
      assertEquals(person, best.identity());
      assertEquals("images/" + person + "/" + image.fileName(), best.image());
      assertEquals(image.path(), best.file());
      assertEquals(3, result.results().size());
      assertEquals(
          3,
          result.results().stream().map(LookAlike::identity).distinct().count(),
          "one entry per person");
      for (int i = 1; i < result.results().size(); i++) {
        assertTrue(
            result.results().get(i).score() <= result.results().get(i - 1).score(), "best first");
      }
      assertTrue(
          result.face().x() >= 0 && result.face().x() + result.face().width() <= 250,
          result.face().toString());
      assertFalse(result.unknown());
      assertTrue(result.match().isEmpty(), "closed-set searches name no match");
    }
  }

  @Test
  void topLimitsThePeopleReturned() {
    Photo query = photo(gallery.image("Hugo_Chavez", 2));
    assertEquals(
        1, searcher.lookAlikes(query, new LookAlikeQuery(1, false, false)).results().size());
    assertEquals(
        5,
        searcher.lookAlikes(query, new LookAlikeQuery(10, false, false)).results().size(),
        "only five people exist");
  }

  @Test
  void excludeImageLeavesOutExactlyThatImageEvenUnderAnotherName(@TempDir Path dir)
      throws Exception {
    FaceImage image = gallery.image("John_Ashcroft", 11);
    Path copy = Files.copy(image.path(), dir.resolve("upload.jpg"));
    Photo query = Photo.read(copy);
    float[] embedding = new PhotoEmbedder(TestModels.pixels(), faces).embed(query).embedding();

    ServingGallery.Snapshot serving = searcher.acquire();
    List<Neighbour> all;
    List<Neighbour> excluded;
    try {
      all = serving.nearest(embedding, 20, Optional.empty());
      excluded = serving.nearest(embedding, 20, Optional.of(query.sha256()));
    } finally {
      searcher.release(serving);
    }
    String own = "images/John_Ashcroft/" + image.fileName();
    assertEquals(own, all.getFirst().image().image());
    assertTrue(excluded.stream().noneMatch(n -> n.image().image().equals(own)));
    assertEquals(
        all.subList(1, 20), excluded.subList(0, 19), "everything else is unchanged, in order");

    LookAlikeResult result = searcher.lookAlikes(query, new LookAlikeQuery(5, true, false));
    assertTrue(result.results().stream().noneMatch(r -> r.image().equals(own)));
    LookAlike withoutExclusion =
        searcher.lookAlikes(query, new LookAlikeQuery(5, false, false)).results().getFirst();
    assertEquals(own, withoutExclusion.image());
  }

  @Test
  void openSetCallsAFaceUnknownBelowTheThreshold() {
    Photo outsider = photo(LfwDataset.open(LfwTestData.root()).image("Tony_Blair", 1));
    float best =
        searcher
            .lookAlikes(outsider, new LookAlikeQuery(1, false, false))
            .results()
            .getFirst()
            .score();
    String bestPerson =
        searcher
            .lookAlikes(outsider, new LookAlikeQuery(1, false, false))
            .results()
            .getFirst()
            .identity();

    try (GallerySearcher strict =
            new GallerySearcher(root, TestModels.pixels(), faces, OptionalDouble.of(best + 0.001));
        GallerySearcher lenient =
            new GallerySearcher(
                root, TestModels.pixels(), faces, OptionalDouble.of(best - 0.001))) {
      LookAlikeResult unknown = strict.lookAlikes(outsider, new LookAlikeQuery(3, false, true));
      LookAlikeResult known = lenient.lookAlikes(outsider, new LookAlikeQuery(3, false, true));

      assertTrue(unknown.unknown());
      assertTrue(unknown.match().isEmpty());
      assertEquals(3, unknown.results().size(), "the look-alikes are still listed");
      assertFalse(known.unknown());
      assertEquals(Optional.of(bestPerson), known.match());
    }
  }

  @Test
  void aPhotoWithoutAFaceIsReportedAsSuch() {
    NoFaceException e =
        assertThrows(
            NoFaceException.class,
            () ->
                searcher.lookAlikes(
                    TestPhotos.blankWall("wall.png"), new LookAlikeQuery(3, false, false)));
    assertEquals("no face found in wall.png", e.getMessage());
  }

  @Test
  void badInputGetsTheDecodersSpecificError(@TempDir Path dir) throws Exception {
    byte[] jpeg = Files.readAllBytes(gallery.image("Serena_Williams", 1).path());
    Path truncated =
        Files.write(dir.resolve("truncated.jpg"), Arrays.copyOf(jpeg, jpeg.length / 2));
    Path text =
        Files.writeString(dir.resolve("text.jpg"), "no pixels here", StandardCharsets.UTF_8);
    Path empty = Files.write(dir.resolve("empty.jpg"), new byte[0]);

    InvalidImageException corrupt =
        assertThrows(
            InvalidImageException.class,
            () -> searcher.lookAlikes(Photo.read(truncated), new LookAlikeQuery(3, false, false)));
    InvalidImageException notImage =
        assertThrows(
            InvalidImageException.class,
            () -> searcher.lookAlikes(Photo.read(text), new LookAlikeQuery(3, false, false)));
    InvalidImageException nothing =
        assertThrows(
            InvalidImageException.class,
            () -> searcher.lookAlikes(Photo.read(empty), new LookAlikeQuery(3, false, false)));

    assertEquals(InvalidImageException.Reason.CORRUPT, corrupt.reason());
    assertTrue(corrupt.getMessage().contains("truncated.jpg"), corrupt.getMessage());
    assertEquals(InvalidImageException.Reason.NOT_AN_IMAGE, notImage.reason());
    assertEquals(InvalidImageException.Reason.EMPTY, nothing.reason());
  }

  @Test
  void anIndexBuiltWithAnotherModelIsRefused() {
    ModelMismatchException e =
        assertThrows(
            ModelMismatchException.class,
            () ->
                new GallerySearcher(root, TestModels.otherPixels(), faces, OptionalDouble.empty()));
    assertTrue(e.getMessage().contains("pixels-24-grey"), e.getMessage());
  }

  @Test
  void queryTopMustBeSensible() {
    assertThrows(IllegalArgumentException.class, () -> new LookAlikeQuery(0, false, false));
    assertNotEquals(new LookAlikeQuery(1, false, false), new LookAlikeQuery(1, true, false));
  }
}

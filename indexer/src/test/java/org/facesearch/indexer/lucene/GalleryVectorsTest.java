package org.facesearch.indexer.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.assets.TestAssets;
import org.facesearch.data.cache.CropCache;
import org.facesearch.data.detect.DetectorKind;
import org.facesearch.data.face.FaceReader;
import org.facesearch.data.face.Photo;
import org.facesearch.data.image.ImageLimits;
import org.facesearch.data.testing.LfwTestData;
import org.facesearch.indexer.Build;
import org.facesearch.indexer.BuildManifest;
import org.facesearch.indexer.BuildSettings;
import org.facesearch.indexer.Enroller;
import org.facesearch.indexer.GalleryVectors;
import org.facesearch.indexer.HnswParams;
import org.facesearch.indexer.IndexBuilder;
import org.facesearch.indexer.ModelMismatchException;
import org.facesearch.indexer.PersonName;
import org.facesearch.indexer.testing.TestGalleries;
import org.facesearch.indexer.testing.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a build records of what embedded its gallery, and what it then refuses. */
class GalleryVectorsTest {
  @TempDir Path dir;

  @Test
  void aBuildRecordsItsGalleryVectorsAndEnrolmentsOfTheOtherKindAreRefused() throws Exception {
    Path gallery = TestGalleries.copy(dir.resolve("lfw"), List.of("Serena_Williams"));
    IndexRoot root = new IndexRoot(dir.resolve("index"));
    Build build =
        new IndexBuilder(
                root, TestModels.pixels(), TestModels.pixels(), new CropCache(dir.resolve("cache")))
            .build(
                new BuildSettings(
                    gallery, 1, HnswParams.DEFAULT, "pixels-32-grey", GalleryVectors.TEACHER));
    assertEquals(GalleryVectors.TEACHER, build.manifest().gallery());
    assertEquals(
        GalleryVectors.TEACHER,
        BuildManifest.fromJson(build.manifest().toJson(), "the test").gallery());

    LfwDataset lfw = LfwDataset.open(LfwTestData.root());
    try (FaceReader faces =
        FaceReader.open(DetectorKind.BLAZEFACE, TestAssets.store(), ImageLimits.DEFAULT)) {
      ModelMismatchException e =
          assertThrows(
              ModelMismatchException.class,
              () ->
                  new Enroller(root, TestModels.pixels(), faces)
                      .enroll(
                          new PersonName("Tony_Blair"),
                          List.of(Photo.read(lfw.image("Tony_Blair", 1).path()))));
      assertTrue(
          e.getMessage()
              .contains("gallery was embedded by the model's teacher, in the model's space"),
          e.getMessage());
      assertEquals(build.manifest().images(), root.current().orElseThrow().manifest().images());
    }
  }

  @Test
  void aManifestWrittenBeforeGalleryVectorsWereRecordedSaysTheModelEmbeddedIt() throws Exception {
    Path gallery = TestGalleries.copy(dir.resolve("lfw"), List.of("Serena_Williams"));
    Build build =
        new IndexBuilder(
                new IndexRoot(dir.resolve("index")),
                TestModels.pixels(),
                new CropCache(dir.resolve("cache")))
            .build(new BuildSettings(gallery, 1, HnswParams.DEFAULT, "pixels-32-grey"));
    String old = build.manifest().toJson().replaceAll(",\\s*\"gallery\"\\s*:\\s*\"MODEL\"", "");
    assertTrue(!old.contains("gallery"), old);
    assertEquals(GalleryVectors.MODEL, BuildManifest.fromJson(old, "an old build").gallery());
  }

  @Test
  void aGalleryAndQueriesInTwoSpacesAreRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new IndexBuilder(
                    new IndexRoot(dir.resolve("index")),
                    TestModels.pixels(),
                    TestModels.otherPixels(),
                    new CropCache(dir.resolve("cache"))));
    assertTrue(e.getMessage().contains("cannot answer queries embedded by"), e.getMessage());
  }
}

package org.facesearch.searcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.facesearch.data.FaceImage;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.assets.TestAssets;
import org.facesearch.data.cache.CropCache;
import org.facesearch.data.detect.DetectorKind;
import org.facesearch.data.face.FaceReader;
import org.facesearch.data.face.Photo;
import org.facesearch.data.image.ImageLimits;
import org.facesearch.indexer.BuildSettings;
import org.facesearch.indexer.HnswParams;
import org.facesearch.indexer.lucene.IndexRoot;
import org.facesearch.indexer.testing.TestGalleries;
import org.facesearch.model.Embedder;
import org.facesearch.model.bundle.ModelBundle;
import org.facesearch.model.engine.DeviceChoice;
import org.facesearch.model.engine.EngineOptions;
import org.facesearch.model.engine.Precision;
import org.facesearch.model.engine.TorchRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped model (aligned like dlib) over a real index: a gallery photo sent as a query finds
 * itself first with the score of a vector against itself, because the query's face is prepared from
 * the photo exactly as the index prepared the image. Through the LFW frame, as queries were
 * prepared before, the median was 0.9997.
 */
class ShippedModelQueryTest {
  private static final Path SHIPPED_MODEL = Path.of("../models/default");

  @TempDir static Path shared;
  private static LfwDataset gallery;
  private static Embedder embedder;
  private static FaceReader faces;
  private static GallerySearcher searcher;

  @BeforeAll
  static void indexTwoPeopleWithTheShippedModel() {
    Path data = TestGalleries.copy(shared.resolve("lfw"), List.of("Jean_Chretien", "Zico"));
    gallery = LfwDataset.open(data);
    TorchRuntime runtime =
        TorchRuntime.start(new EngineOptions(Optional.empty(), DeviceChoice.CPU));
    ModelBundle bundle = ModelBundle.open(SHIPPED_MODEL);
    embedder = bundle.embedder(runtime, false, Precision.FP32, TestAssets.store());
    IndexRoot root = new IndexRoot(shared.resolve("index"));
    new org.facesearch.indexer.IndexBuilder(root, embedder, new CropCache(shared.resolve("cache")))
        .build(new BuildSettings(data, 1, HnswParams.DEFAULT, SHIPPED_MODEL.toString()));
    faces = FaceReader.open(DetectorKind.BLAZEFACE, TestAssets.store(), ImageLimits.DEFAULT);
    searcher = new GallerySearcher(root, embedder, faces, OptionalDouble.empty());
  }

  @AfterAll
  static void close() {
    searcher.close();
    faces.close();
    embedder.close();
  }

  @Test
  void aGalleryPhotoAsAQueryFindsItselfWithTheScoreOfItsOwnVector() {
    List<FaceImage> images = gallery.images();
    for (FaceImage image : images.subList(0, Math.min(24, images.size()))) {
      LookAlikeResult result =
          searcher.lookAlikes(Photo.read(image.path()), new LookAlikeQuery(1, false, false));
      LookAlike best = result.results().getFirst();
      assertEquals(
          "images/" + image.identity() + "/" + image.fileName(), best.image(), image.fileName());
      // Batched and single forward passes may differ in the last bits; nothing else may.
      assertTrue(best.score() > 0.99999f, image.fileName() + ": " + best.score());
    }
  }
}

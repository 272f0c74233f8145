package org.facesearch.searcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.facesearch.data.FaceImage;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.assets.TestAssets;
import org.facesearch.data.cache.CropCache;
import org.facesearch.data.detect.DetectorKind;
import org.facesearch.data.face.FaceReader;
import org.facesearch.data.face.Photo;
import org.facesearch.data.image.ImageLimits;
import org.facesearch.data.testing.LfwTestData;
import org.facesearch.indexer.BuildSettings;
import org.facesearch.indexer.HnswParams;
import org.facesearch.indexer.IndexBuilder;
import org.facesearch.indexer.LookAlikeCalibration;
import org.facesearch.indexer.lucene.IndexRoot;
import org.facesearch.indexer.testing.TestGalleries;
import org.facesearch.model.Embedder;
import org.facesearch.model.bundle.ModelBundle;
import org.facesearch.model.engine.DeviceChoice;
import org.facesearch.model.engine.EngineOptions;
import org.facesearch.model.engine.Precision;
import org.facesearch.model.engine.TorchRuntime;
import org.facesearch.model.verify.Calibration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped model's look-alike probabilities on a real LFW gallery of many people: a slice of LFW
 * taken evenly through its names (people with 2 to 20 photos, and some with one, as LFW has them),
 * plus Serena and Venus Williams. Its nearest wrong people are ones the model's 1:1 calibration
 * calls the same person; the gallery's own calibration must not.
 */
class ShippedModelLookAlikeTest {
  private static final Path SHIPPED_MODEL = Path.of("../models/default");

  @TempDir static Path shared;
  private static LfwDataset gallery;
  private static Embedder embedder;
  private static FaceReader faces;
  private static IndexRoot root;
  private static GallerySearcher searcher;
  private static Calibration pairs;

  @BeforeAll
  static void indexASliceOfLfwWithTheShippedModel() {
    LfwDataset lfw = LfwDataset.open(LfwTestData.root());
    Set<String> people = new LinkedHashSet<>(List.of("Serena_Williams", "Venus_Williams"));
    List<String> several = new ArrayList<>();
    List<String> once = new ArrayList<>();
    for (String identity : lfw.identities()) {
      int photos = lfw.imagesOf(identity).size();
      (photos == 1 ? once : photos <= 20 ? several : new ArrayList<String>()).add(identity);
    }
    for (int i = 0; i < several.size(); i += 30) {
      people.add(several.get(i));
    }
    for (int i = 0; i < once.size(); i += 100) {
      people.add(once.get(i));
    }
    Path data = TestGalleries.copy(shared.resolve("lfw"), List.copyOf(people));
    gallery = LfwDataset.open(data);
    TorchRuntime runtime =
        TorchRuntime.start(new EngineOptions(Optional.empty(), DeviceChoice.CPU));
    ModelBundle bundle = ModelBundle.open(SHIPPED_MODEL);
    pairs = Calibration.fromMetrics(bundle.metadata().training().metrics()).orElseThrow();
    embedder = bundle.embedder(runtime, false, Precision.FP32, TestAssets.store());
    root = new IndexRoot(shared.resolve("index"));
    new IndexBuilder(root, embedder, new CropCache(shared.resolve("cache")))
        .build(new BuildSettings(data, 1, HnswParams.DEFAULT, SHIPPED_MODEL.toString()));
    faces = FaceReader.open(DetectorKind.BLAZEFACE, TestAssets.store(), ImageLimits.DEFAULT);
    searcher = new GallerySearcher(root, embedder, faces, OptionalDouble.empty());
  }

  @AfterAll
  static void close() {
    if (searcher != null) {
      searcher.close();
      faces.close();
    }
    if (embedder != null) {
      embedder.close();
    }
  }

  @Test
  void theBuildsFitIsCalibratedOnTheSearchesKeptOutOfIt() {
    LookAlikeCalibration fit =
        root.requireCurrent().manifest().lookAlikeCalibration().orElseThrow();
    // Every image searches (fewer than the sample's cap); every fourth is held out.
    int images = gallery.images().size();
    assertEquals(images / 4, fit.heldOutQueries(), fit.toString());
    assertEquals(images - images / 4, fit.queries(), fit.toString());
    // Measured 0.013 with the default model here, 0.024 with the one before (345 held-out answers,
    // so a few points of noise either way).
    assertTrue(fit.expectedCalibrationError() < 0.08, fit.toString());
  }

  @Test
  void wrongLookAlikesGetLowerProbabilitiesThanThePairsCalibrationGivesThem() {
    double identification = 0;
    double verification = 0;
    int wrong = 0;
    int sureByPairs = 0;
    int sureByGallery = 0;
    for (FaceImage image : queries()) {
      LookAlikeResult result =
          searcher.lookAlikes(Photo.read(image.path()), new LookAlikeQuery(5, true, false));
      for (LookAlike lookAlike : result.results()) {
        if (!lookAlike.identity().equals(image.identity())) {
          double p = lookAlike.identification().orElseThrow();
          double q = pairs.probability(lookAlike.score());
          identification += p;
          verification += q;
          wrong++;
          sureByPairs += q >= 0.5 ? 1 : 0;
          sureByGallery += p >= 0.5 ? 1 : 0;
        }
      }
    }
    String measured =
        String.format(
            "%d wrong look-alikes: mean probability %.3f (1:N) against %.3f (1:1); called the same"
                + " person by 1:N %d times, by 1:1 %d times",
            wrong, identification / wrong, verification / wrong, sureByGallery, sureByPairs);
    // Measured with the default model: 241 wrong, mean 0.007 against 0.680; 0 against 180 times.
    assertTrue(wrong > 50, measured);
    assertTrue(identification / wrong < verification / wrong / 2, measured);
    assertTrue(sureByGallery < sureByPairs, measured);
  }

  /** Serena Williams's photos and the first photo of each of the others with several. */
  private static List<FaceImage> queries() {
    List<FaceImage> queries = new ArrayList<>(gallery.imagesOf("Serena_Williams").subList(0, 5));
    for (String identity : gallery.identities()) {
      if (!identity.equals("Serena_Williams") && gallery.imagesOf(identity).size() > 1) {
        queries.add(gallery.imagesOf(identity).getFirst());
      }
    }
    return queries;
  }
}

package org.facesearch.trainer.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.imageio.ImageIO;
import org.facesearch.data.FaceImage;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.assets.TestAssets;
import org.facesearch.data.cache.CachedCrops;
import org.facesearch.data.cache.CropCache;
import org.facesearch.data.image.FaceCrop;
import org.facesearch.data.testing.LfwTestData;
import org.facesearch.model.Embedder;
import org.facesearch.model.arch.Architecture;
import org.facesearch.model.bundle.ModelBundle;
import org.facesearch.model.bundle.Objective;
import org.facesearch.model.engine.DeviceChoice;
import org.facesearch.model.engine.EngineOptions;
import org.facesearch.model.engine.Precision;
import org.facesearch.model.engine.TorchRuntime;
import org.facesearch.model.input.InputAlignment;
import org.facesearch.trainer.Mining;
import org.facesearch.trainer.PairSource;
import org.facesearch.trainer.Settings;
import org.facesearch.trainer.TrainConfig;
import org.facesearch.trainer.objective.Objectives;
import org.facesearch.trainer.report.LossCurves;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingRunSmokeTest {
  @TempDir static Path cache;
  @TempDir Path runDir;

  @Test
  void tripletBatchHardRunWritesABundleThatLoadsAndEmbeds() throws Exception {
    TrainConfig config =
        SmokeRuns.config(
            Objectives.TRIPLET, Architecture.RESNET18, Mining.BATCH_HARD, PairSource.SAMPLED, 4, 8);
    TrainingResult result = TrainingRun.run(config, SmokeRuns.plan(cache, runDir, false));

    assertTrue(result.completed());
    assertEquals(4, result.steps());
    assertEquals(2, result.history().size());
    assertTrue(Files.size(runDir.resolve(LossCurves.PNG)) > 0);
    assertTrue(Files.size(runDir.resolve(LossCurves.LOG_PNG)) > 0);
    assertEquals(3, Files.readAllLines(runDir.resolve(LossCurves.CSV)).size());
    ModelBundle bundle = ModelBundle.open(result.bundle().orElseThrow());
    assertEquals(Objective.TRIPLET, bundle.metadata().spec().objective());
    assertEquals(4, bundle.metadata().training().iterations());
    double view1 = bundle.metadata().training().metrics().get("view1Accuracy");
    assertTrue(view1 >= 0 && view1 <= 1);
    // Fitted on the same pairsDevTrain pairs as the threshold, which hold both kinds of pair.
    assertTrue(
        org.facesearch.model.verify.Calibration.fromMetrics(bundle.metadata().training().metrics())
            .isPresent(),
        bundle.metadata().training().metrics().toString());
    assertEquals(
        "peopleDevTrain.txt",
        bundle.metadata().training().hyperparameters().get("trainingPeopleSource"));
    try (Embedder embedder = bundle.embedder(DeviceChoice.CPU)) {
      List<FaceCrop> crops = org.facesearch.trainer.testing.Crops.load(embedder.preprocessing(), 2);
      float[][] rows = embedder.embed(crops);
      assertEquals(64, rows[0].length);
      double norm = 0;
      for (float v : rows[0]) {
        norm += v * v;
      }
      assertEquals(1.0, norm, 1e-4);
    }
  }

  /**
   * A run on dlib-aligned faces: the bundle records the alignment and, loaded, aligns a photo the
   * way its training crops were aligned (the crops it trained on are the cache's aligned ones).
   */
  @Test
  void aRunOnAlignedFacesWritesABundleThatAlignsPhotosLikeItsTrainingCrops() throws Exception {
    TrainConfig config =
        SmokeRuns.builder(Objectives.TRIPLET, 2, 8)
            .alignment(InputAlignment.DLIB_LANDMARKS_68)
            .set(Settings.MINING, Mining.BATCH_HARD)
            .build();
    assertEquals("dlib-landmarks68", config.hyperparameters().get(TrainConfig.ALIGNMENT));
    TrainingResult result =
        TrainingRun.run(
            config, SmokeRuns.plan(cache, runDir, false).withAssets(TestAssets.store()));

    ModelBundle bundle = ModelBundle.open(result.bundle().orElseThrow());
    assertEquals(InputAlignment.DLIB_LANDMARKS_68, bundle.metadata().spec().alignment());
    try (Embedder embedder =
        bundle.embedder(
            TorchRuntime.start(new EngineOptions(Optional.empty(), DeviceChoice.CPU)),
            false,
            Precision.FP32,
            TestAssets.store())) {
      assertTrue(embedder.alignment().isPresent());
      LfwDataset lfw = LfwDataset.open(LfwTestData.root());
      LfwDataset one = lfw.withIdentities(Set.of("Aaron_Peirsol"));
      try (CachedCrops cached = embedder.cachedCrops(new CropCache(cache), one)) {
        FaceImage first = one.images().get(0);
        FaceCrop fromPhoto = embedder.prepare(ImageIO.read(first.path().toFile()));
        assertArrayEquals(
            cached.crop(cached.indexOf(first.key())).pixels(),
            fromPhoto.pixels(),
            "a photo and the cached gallery image must be aligned and cropped alike");
      }
    }
  }

  @Test
  void aRunThatAlignsItsFacesNeedsAnAssetStore() {
    TrainConfig config =
        SmokeRuns.builder(Objectives.TRIPLET, 2, 8)
            .alignment(InputAlignment.DLIB_LANDMARKS_68)
            .set(Settings.MINING, Mining.BATCH_HARD)
            .build();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> TrainingRun.run(config, SmokeRuns.plan(cache, runDir, false)));
    assertTrue(e.getMessage().contains("dlib-landmarks68"), e.getMessage());
  }
}

package org.facesearch.searcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import org.facesearch.data.Workspace;
import org.facesearch.data.assets.AssetPack;
import org.facesearch.data.assets.AssetStore;
import org.facesearch.data.assets.TestAssets;
import org.facesearch.data.detect.BlazeFaceModel;
import org.facesearch.model.reference.ReferenceModel;
import org.facesearch.model.verify.Calibration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --model dlib-resnet}: weights from the workspace's store, threshold from calibrations. */
class ReferenceModelSourceTest {
  @TempDir Path home;

  @Test
  void aReferenceModelGetsTheThresholdCalibratedForItsIdOnly() throws IOException {
    Workspace workspace = new Workspace(home);
    installTestWeights(workspace);
    String id;
    try (LoadedModel loaded =
        ModelSource.loadReference("dlib-resnet", ReferenceModel.DLIB_RESNET, workspace)) {
      id = loaded.embedder().modelId();
      assertEquals("dlib-resnet", loaded.source());
      assertEquals(ReferenceModel.DLIB_RESNET.modelId(), id);
      assertEquals(OptionalDouble.empty(), loaded.threshold());
    }
    Calibrations calibrations = Calibrations.in(workspace);
    Path file =
        calibrations.save(
            new Calibrations.Calibration(
                id, 0.9063, 0.9775, "pairsDevTrain.txt", "/lfw", Instant.EPOCH, null));
    assertEquals(home.resolve("models/calibrations").resolve(id + ".json"), file);
    try (LoadedModel loaded =
        ModelSource.loadReference("dlib-resnet", ReferenceModel.DLIB_RESNET, workspace)) {
      assertEquals(OptionalDouble.of(0.9063), loaded.threshold());
      assertEquals(0.9063, loaded.metrics().get(ModelSource.THRESHOLD_METRIC));
    }
    // With a probability calibration the verdict is where it says 50 %, as for bundles.
    calibrations.save(
        new Calibrations.Calibration(
            id,
            0.9063,
            0.9775,
            "pairsDevTrain.txt",
            "/lfw",
            Instant.EPOCH,
            new Calibration(40, -36)));
    try (LoadedModel loaded =
        ModelSource.loadReference("dlib-resnet", ReferenceModel.DLIB_RESNET, workspace)) {
      assertEquals(0.9, loaded.threshold().getAsDouble(), 1e-12);
      assertEquals(0.5, loaded.probability(0.9).getAsDouble(), 1e-12);
    }
    // Without flip averaging the vectors differ: the threshold calibrated with it does not apply.
    ReferenceModel plain = ReferenceModel.named("dlib-resnet-noflip").orElseThrow();
    try (LoadedModel loaded = ModelSource.loadReference("dlib-resnet-noflip", plain, workspace)) {
      assertNotEquals(id, loaded.embedder().modelId());
      assertEquals(OptionalDouble.empty(), loaded.threshold());
    }
  }

  @Test
  void aDamagedCalibrationCountsAsNone() throws IOException {
    Calibrations calibrations = Calibrations.in(new Workspace(home));
    String id = ReferenceModel.DLIB_RESNET.modelId();
    Files.createDirectories(calibrations.file(id).getParent());
    Files.writeString(calibrations.file(id), "{\"modelId\": \"" + id + "\", \"thresh");
    assertTrue(calibrations.find(id).isEmpty());
    // A file renamed to another model's id is not taken for that model.
    calibrations.save(
        new Calibrations.Calibration(
            "other", 0.5, 0.9, "pairsDevTrain.txt", "/lfw", Instant.EPOCH, null));
    Files.move(
        calibrations.file("other"),
        calibrations.file(id),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertTrue(calibrations.find(id).isEmpty());
    try (var left = Files.list(calibrations.file(id).getParent())) {
      assertEquals(1, left.count(), "no temporary files are left behind");
    }
  }

  /**
   * The shared test store's verified copies of the weights and of the detector its alignment runs,
   * so this test downloads nothing of its own.
   */
  private static void installTestWeights(Workspace workspace) throws IOException {
    for (AssetPack pack : List.of(ReferenceModel.DLIB_RESNET.weights(), BlazeFaceModel.PACK)) {
      Path from = TestAssets.store().require(pack);
      Path to = AssetStore.in(workspace).folder(pack);
      for (var file : pack.files()) {
        Files.createDirectories(to.resolve(file.path()).getParent());
        Files.copy(from.resolve(file.path()), to.resolve(file.path()));
      }
    }
  }
}

package org.facesearch.trainer.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.facesearch.data.image.FaceCrop;
import org.facesearch.data.setting.InvalidSettingException;
import org.facesearch.model.Embedder;
import org.facesearch.model.arch.Architecture;
import org.facesearch.model.bundle.ModelBundle;
import org.facesearch.model.engine.DeviceChoice;
import org.facesearch.model.engine.EngineOptions;
import org.facesearch.model.engine.TorchRuntime;
import org.facesearch.trainer.Mining;
import org.facesearch.trainer.PairSource;
import org.facesearch.trainer.Settings;
import org.facesearch.trainer.TrainConfig;
import org.facesearch.trainer.TrainingSetting;
import org.facesearch.trainer.objective.Objectives;
import org.facesearch.trainer.testing.Crops;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping after some steps and resuming gives the run that was never stopped. */
class ResumeTest {
  @TempDir static Path cache;
  @TempDir Path base;

  private static TrainConfig config(long iterations) {
    return SmokeRuns.config(
        Objectives.TRIPLET,
        Architecture.RESNET18,
        Mining.BATCH_HARD,
        PairSource.SAMPLED,
        iterations,
        8);
  }

  private static float[][] embed(Path bundle) {
    try (Embedder embedder =
        ModelBundle.open(bundle)
            .embedder(
                TorchRuntime.start(new EngineOptions(Optional.empty(), DeviceChoice.CPU)), false)) {
      List<FaceCrop> crops = Crops.load(embedder.preprocessing(), 4);
      return embedder.embed(crops);
    }
  }

  @Test
  void resumingContinuesTheStepCountAndMatchesAnUninterruptedRun() throws Exception {
    Path straight = base.resolve("straight");
    TrainingResult whole = TrainingRun.run(config(4), SmokeRuns.plan(cache, straight, false));

    Path split = base.resolve("split");
    TrainingResult first = TrainingRun.run(config(2), SmokeRuns.plan(cache, split, false));
    assertEquals(2, first.steps());
    // The first part finished with a bundle of its own; the resumed run writes a second one.
    Path firstBundle = split.resolve("first-model");
    Files.move(first.bundle().orElseThrow(), firstBundle);
    TrainingResult resumed = TrainingRun.run(config(4), SmokeRuns.plan(cache, split, true));

    assertEquals(4, resumed.steps());
    assertEquals(
        ModelBundle.open(resumed.bundle().orElseThrow()).metadata().training().iterations(), 4);
    assertEquals(
        whole.history().stream().map(CurvePoint::step).toList(),
        resumed.history().stream().map(CurvePoint::step).toList(),
        "the curve continues from the checkpoint's");
    assertEquals(
        whole.history().getLast().trainLoss(), resumed.history().getLast().trainLoss(), 1e-4);
    float[][] expected = embed(whole.bundle().orElseThrow());
    float[][] actual = embed(resumed.bundle().orElseThrow());
    for (int i = 0; i < expected.length; i++) {
      assertArrayEquals(expected[i], actual[i], 1e-4f, "embedding " + i);
    }
    float[][] halfway = embed(firstBundle);
    assertFalse(
        Math.abs(halfway[0][0] - actual[0][0]) < 1e-6
            && Math.abs(halfway[0][1] - actual[0][1]) < 1e-6,
        "the resumed run must have trained further than its checkpoint");
  }

  @Test
  void resumingAMarginSoftmaxRunRestoresItsClassMatrix() throws Exception {
    // The class matrix is trained but not in the bundle: only the checkpoint carries it over.
    TrainConfig four =
        SmokeRuns.config(
            Objectives.COSFACE, Architecture.RESNET18, Mining.RANDOM, PairSource.SAMPLED, 4, 6);
    TrainConfig two = four.toBuilder().iterations(2).build();
    TrainingResult whole =
        TrainingRun.run(four, SmokeRuns.plan(cache, base.resolve("straight"), false));
    Path split = base.resolve("split");
    TrainingRun.run(two, SmokeRuns.plan(cache, split, false));
    Files.move(split.resolve("model"), base.resolve("first-model"));
    TrainingResult resumed = TrainingRun.run(four, SmokeRuns.plan(cache, split, true));

    assertEquals(
        whole.history().getLast().trainLoss(), resumed.history().getLast().trainLoss(), 1e-4);
    float[][] expected = embed(whole.bundle().orElseThrow());
    float[][] actual = embed(resumed.bundle().orElseThrow());
    for (int i = 0; i < expected.length; i++) {
      assertArrayEquals(expected[i], actual[i], 1e-4f, "embedding " + i);
    }
  }

  @Test
  void resumingAFinishedRunBundlesItAgainWithItsSpeed() throws Exception {
    Path dir = base.resolve("run");
    TrainingResult first = TrainingRun.run(config(2), SmokeRuns.plan(cache, dir, false));
    double firstSpeed = first.metrics().get("trainImagesPerSecond");
    Files.move(dir.resolve("model"), base.resolve("first-model"));
    TrainingResult again = TrainingRun.run(config(2), SmokeRuns.plan(cache, dir, true));
    assertEquals(2, again.steps());
    double speed = again.metrics().get("trainImagesPerSecond");
    // No step ran in the second process: the whole run's average, validations included, so
    // below the first process's step-only figure but not nothing.
    assertTrue(speed > 0 && speed <= firstSpeed, speed + " against " + firstSpeed);
    assertArrayEquals(embed(base.resolve("first-model"))[0], embed(dir.resolve("model"))[0], 1e-5f);
  }

  @Test
  void aRunFolderWithACheckpointNeedsResume() throws Exception {
    Path dir = base.resolve("run");
    TrainingRun.run(config(2), SmokeRuns.plan(cache, dir, false));
    Files.move(dir.resolve("model"), base.resolve("elsewhere"));
    InvalidSettingException e =
        assertThrows(
            InvalidSettingException.class,
            () -> TrainingRun.run(config(4), SmokeRuns.plan(cache, dir, false)));
    assertTrue(
        e.getMessage()
            .contains(
                "already holds a checkpoint at step 2; pass the resume option to continue it,"
                    + " or change the run folder"),
        e.getMessage());
    assertEquals(List.of(TrainingSetting.RESUME, TrainingSetting.RUN_DIR), e.settings());
  }

  @Test
  void resumingWithOtherSettingsIsRefused() throws Exception {
    Path dir = base.resolve("run");
    TrainingRun.run(config(2), SmokeRuns.plan(cache, dir, false));
    Files.move(dir.resolve("model"), base.resolve("elsewhere"));
    TrainConfig c = config(4);
    TrainConfig otherMargin = c.toBuilder().set(Settings.MARGIN, 0.5f).build();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> TrainingRun.run(otherMargin, SmokeRuns.plan(cache, dir, true)));
    assertTrue(e.getMessage().contains("other settings for margin"), e.getMessage());
  }

  @Test
  void resumingAnEmptyFolderIsRefused() {
    Path dir = base.resolve("empty");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> TrainingRun.run(config(2), SmokeRuns.plan(cache, dir, true)));
    assertTrue(e.getMessage().contains("has no checkpoint to resume from"), e.getMessage());
  }

  @Test
  void onlyTheNewestCheckpointsAreKeptAndAllAreComplete() throws Exception {
    Path dir = base.resolve("run");
    TrainingRun.run(config(6), SmokeRuns.plan(cache, dir, false));
    try (Stream<Path> children = Files.list(dir)) {
      List<String> names =
          children
              .map(p -> p.getFileName().toString())
              .filter(n -> n.startsWith("checkpoint"))
              .sorted()
              .toList();
      assertEquals(List.of("checkpoint-000000004", "checkpoint-000000006"), names);
    }
    for (String file :
        List.of(CheckpointStore.WEIGHTS, CheckpointStore.OPTIMIZER, CheckpointStore.STATE)) {
      assertTrue(Files.size(dir.resolve("checkpoint-000000006").resolve(file)) > 0, file);
    }
  }
}

package org.facesearch.trainer.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.facesearch.model.arch.Architecture;
import org.facesearch.model.bundle.ModelBundle;
import org.facesearch.model.bundle.TrainingRecord;
import org.facesearch.trainer.BestValidation;
import org.facesearch.trainer.Mining;
import org.facesearch.trainer.PairSource;
import org.facesearch.trainer.TrainConfig;
import org.facesearch.trainer.objective.Objectives;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run that ends worse than it was can still give its best weights. */
class BestWeightsTest {
  @TempDir static Path cache;
  @TempDir Path base;

  private static final Pattern FIRST_ACCURACY =
      Pattern.compile("\"validationAccuracy\"\\s*:\\s*[0-9.Ee+-]+");

  private static TrainConfig config(long iterations) {
    return SmokeRuns.config(
            Objectives.TRIPLET,
            Architecture.RESNET18,
            Mining.BATCH_HARD,
            PairSource.SAMPLED,
            iterations,
            8)
        .toBuilder()
        .validateEvery(1)
        .build();
  }

  @Test
  void theBundleTakesTheBestValidationsWeightsAndKeepsItsCheckpoint() throws Exception {
    Path dir = base.resolve("run");
    TrainingResult first = TrainingRun.run(config(2), SmokeRuns.plan(cache, dir, false));
    TrainingRecord plain = ModelBundle.open(first.bundle().orElseThrow()).metadata().training();
    assertEquals(2.0, plain.metrics().get("weightsStep"), "without the option: the last step's");
    assertEquals("last step", plain.hyperparameters().get("bundleWeights"));
    Files.move(dir.resolve("model"), base.resolve("first-model"));
    double stepOne = first.history().getFirst().validationAccuracy();
    // Make step 1 the best validation the run will ever see (no accuracy passes 2), so that the
    // resumed run has to go back to its weights whatever the later steps score.
    Path state = dir.resolve("checkpoint-000000002").resolve(CheckpointStore.STATE);
    Matcher m = FIRST_ACCURACY.matcher(Files.readString(state));
    assertTrue(m.find(), "the checkpoint's history has a validation accuracy");
    Files.writeString(state, m.replaceFirst("\"validationAccuracy\" : 2.0"));

    TrainingResult resumed =
        TrainingRun.run(config(4), SmokeRuns.plan(cache, dir, true).withBestWeights());

    TrainingRecord record = ModelBundle.open(resumed.bundle().orElseThrow()).metadata().training();
    assertEquals(4, record.iterations(), "the schedule ran to its end");
    assertEquals(1.0, record.metrics().get("weightsStep"));
    assertEquals("best validation accuracy", record.hyperparameters().get("bundleWeights"));
    assertEquals(
        stepOne,
        record.metrics().get("validationAccuracyNoFlip"),
        1e-9,
        "the final evaluation measured step 1's weights, which scored this when validated");
    assertTrue(
        Files.isDirectory(dir.resolve("checkpoint-000000001")),
        "the best validation's checkpoint outlives the newest two");
    assertEquals(
        List.of("checkpoint-000000001", "checkpoint-000000003", "checkpoint-000000004"),
        Files.list(dir)
            .map(p -> p.getFileName().toString())
            .filter(n -> n.startsWith("checkpoint-"))
            .sorted()
            .toList());
  }

  @Test
  void aBestCheckpointPrunedEarlierFallsBackToTheBestOneLeft() throws Exception {
    Path dir = base.resolve("run");
    TrainingRun.run(config(2), SmokeRuns.plan(cache, dir, false));
    Files.move(dir.resolve("model"), base.resolve("first-model"));
    Path state = dir.resolve("checkpoint-000000002").resolve(CheckpointStore.STATE);
    Matcher m = FIRST_ACCURACY.matcher(Files.readString(state));
    assertTrue(m.find());
    Files.writeString(state, m.replaceFirst("\"validationAccuracy\" : 2.0"));
    // As a folder pruned before the best checkpoint was kept: step 1 is best but gone.
    org.facesearch.data.FileTrees.deleteTree(dir.resolve("checkpoint-000000001"));

    TrainingResult resumed =
        TrainingRun.run(config(3), SmokeRuns.plan(cache, dir, true).withBestWeights());

    double step =
        ModelBundle.open(resumed.bundle().orElseThrow())
            .metadata()
            .training()
            .metrics()
            .get("weightsStep");
    assertTrue(step == 2.0 || step == 3.0, "a step whose checkpoint is there: " + step);
  }

  @Test
  void ofEqualValidationsTheLaterIsBest() {
    CurvePoint a = new CurvePoint(100, 1, 0.5, 0.5, 0.80, 10);
    CurvePoint b = new CurvePoint(200, 2, 0.4, 0.4, 0.82, 20);
    CurvePoint c = new CurvePoint(300, 3, 0.3, 0.3, 0.82, 30);
    CurvePoint d = new CurvePoint(400, 4, 0.2, 0.2, 0.79, 40);
    assertEquals(
        300,
        CheckpointStore.best(List.of(a, b, c, d), BestValidation.ACCURACY).orElseThrow().step());
    assertTrue(CheckpointStore.best(List.of(), BestValidation.ACCURACY).isEmpty());
  }

  @Test
  void aStudentsBestValidationIsItsLowestLossNotItsLuckiestPairCount() {
    // The validations of the 4,000-step student run of 30 November (runs/distill-96w/curves.csv):
    // the loss fell at every one; the accuracy on 600 pairs peaked at step 1,000 by two pairs.
    List<CurvePoint> history =
        List.of(
            new CurvePoint(500, 3.7, 0.1805, 0.2692, 0.9517, 488),
            new CurvePoint(1000, 7.4, 0.1759, 0.2540, 0.9567, 1044),
            new CurvePoint(1500, 11.1, 0.1698, 0.2459, 0.9467, 1585),
            new CurvePoint(2000, 14.8, 0.1630, 0.2318, 0.9533, 2071),
            new CurvePoint(4000, 29.6, 0.1436, 0.2057, 0.9533, 3773));
    assertEquals(BestValidation.LOSS, Objectives.DISTILL.bestValidation());
    assertEquals(BestValidation.ACCURACY, Objectives.TRIPLET.bestValidation());
    assertEquals(
        4000,
        CheckpointStore.best(history, Objectives.DISTILL.bestValidation()).orElseThrow().step());
    assertEquals(
        1000,
        CheckpointStore.best(history, Objectives.TRIPLET.bestValidation()).orElseThrow().step());
  }

  @Test
  void aValidationLossThatIsNotANumberNeverBeatsAMeasuredOne() {
    CurvePoint measured = new CurvePoint(100, 1, 0.5, 0.30, 0.80, 10);
    CurvePoint diverged = new CurvePoint(200, 2, Double.NaN, Double.NaN, 0.50, 20);
    assertEquals(
        100,
        CheckpointStore.best(List.of(measured, diverged), BestValidation.LOSS)
            .orElseThrow()
            .step());
    assertEquals(
        100,
        CheckpointStore.best(List.of(diverged, measured), BestValidation.LOSS)
            .orElseThrow()
            .step());
  }
}

package org.facesearch.trainer.run;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.facesearch.model.bundle.ModelBundle;
import org.facesearch.model.bundle.TrainingRecord;
import org.facesearch.trainer.BestValidation;
import org.facesearch.trainer.TrainingPeople;
import org.facesearch.trainer.data.TrainingData;

/**
 * At the end of the schedule: measures the final metrics ({@link FinalEvaluation}) and writes the
 * model bundle, recording objective, settings, schedule, data, device and metrics. Only the network
 * goes in; an objective's training parameters stay in the checkpoints.
 */
final class BundleWriter implements TrainingListener {
  /**
   * What {@code model.json} says about the data when the objective does not say more: {@code
   * people}'s photos only.
   */
  static String lfwOnly(TrainingPeople people) {
    return people.data() + " only (no outside data)";
  }

  private final CheckpointStore checkpoints;
  private final Map<String, Object> notes;
  private TrainingResult result;

  /**
   * @param notes what the run learnt before training that the bundle's record should say
   */
  BundleWriter(CheckpointStore checkpoints, Map<String, Object> notes) {
    this.checkpoints = checkpoints;
    this.notes = Map.copyOf(notes);
  }

  /** The finished run, once {@link #onTrainingEnd} has written the bundle. */
  Optional<TrainingResult> result() {
    return Optional.ofNullable(result);
  }

  @Override
  public void onTrainingEnd(RunContext run, RunSummary summary) throws IOException {
    TrainingData data = run.data();
    long weightsStep = summary.steps();
    if (run.plan().bestWeights()) {
      weightsStep = takeBestWeights(run, summary.steps());
    }
    run.plan()
        .log()
        .printf(
            "final evaluation (%d validation, %d threshold and %d test pairs, with and without flip)%n",
            data.validationPairs().size(), data.thresholdPairs().size(), data.testPairs().size());
    FinalEvaluation evaluation =
        FinalEvaluation.measure(run.spec(), run.network(), run.manager(), data);
    Map<String, Double> metrics = new LinkedHashMap<>(evaluation.metrics());
    if (!run.history().isEmpty()) {
      metrics.put("finalTrainLoss", run.history().getLast().trainLoss());
      metrics.put("finalValidationLoss", run.history().getLast().validationLoss());
    }
    metrics.put("weightsStep", (double) weightsStep);
    metrics.put("trainImagesPerSecond", summary.imagesPerSecond());
    metrics.put("stoppedByTimeLimit", summary.stoppedByTimeLimit() ? 1.0 : 0.0);
    Map<String, Object> hyperparameters = new LinkedHashMap<>(run.config().hyperparameters());
    hyperparameters.putIfAbsent("trainingData", lfwOnly(run.config().people()));
    hyperparameters.put("trainingPeople", data.trainPeople().size());
    hyperparameters.put("validationPeople", data.validationPeople().size());
    hyperparameters.put("trainingImages", data.train().length);
    hyperparameters.put("normalization", "imagenet");
    // The weights are fp32 either way, but a reader comparing two runs needs to know.
    hyperparameters.put("trainingPrecision", run.precision().toString());
    hyperparameters.putAll(run.objective().bundleNotes());
    hyperparameters.putAll(notes);
    hyperparameters.put(
        "bundleWeights",
        run.plan().bestWeights() ? checkpoints.ranking().description() : "last step");
    long epochs = summary.steps() / run.objective().stepsPerEpoch();
    TrainingRecord record =
        new TrainingRecord(
            hyperparameters,
            run.device(),
            data.fingerprint(),
            summary.steps(),
            (int) Math.min(Integer.MAX_VALUE, epochs),
            metrics,
            summary.seconds(),
            Instant.now(),
            run.plan().codeVersion());
    ModelBundle bundle =
        ModelBundle.write(
            run.plan().out(),
            run.spec().withTestTimeFlip(evaluation.flip()),
            record,
            run.network());
    run.plan().log().printf("model %s written to %s%n", bundle.modelId(), bundle.directory());
    run.plan()
        .log()
        .printf(
            "view1Accuracy %.4f (threshold %.4f, flip %s), validation accuracy %.4f, %.0f s, %.1f img/s%n",
            metrics.get("view1Accuracy"),
            metrics.get("threshold"),
            evaluation.flip(),
            metrics.get("validationAccuracy"),
            summary.seconds(),
            summary.imagesPerSecond());
    result =
        new TrainingResult(
            Optional.of(bundle.directory()),
            Optional.of(bundle.modelId()),
            summary.steps(),
            summary.seconds(),
            metrics,
            java.util.List.copyOf(run.history()));
  }

  /**
   * Puts the best validation's weights into the network when they are not the last step's, and says
   * so: the final evaluation and the bundle are then those weights'.
   *
   * @return the step whose weights the network now holds
   */
  private long takeBestWeights(RunContext run, long lastStep) {
    // Only validations whose checkpoint is still there: a run resumed from a folder pruned before
    // the best checkpoint was kept must still end with a bundle, from the best that is left.
    CurvePoint best =
        CheckpointStore.best(
                run.history().stream().filter(p -> checkpoints.has(p.step())).toList(),
                checkpoints.ranking())
            .orElse(null);
    if (best == null || best.step() == lastStep) {
      return lastStep;
    }
    checkpoints.restoreWeights(best.step(), run.network(), run.manager());
    CurvePoint last = run.history().getLast();
    boolean byLoss = checkpoints.ranking() == BestValidation.LOSS;
    run.plan()
        .log()
        .printf(
            "the bundle takes step %d's weights (validation %s %.4f), not step %d's (%.4f)%n",
            best.step(),
            byLoss ? "loss" : "accuracy",
            byLoss ? best.validationLoss() : best.validationAccuracy(),
            lastStep,
            byLoss ? last.validationLoss() : last.validationAccuracy());
    return best.step();
  }
}

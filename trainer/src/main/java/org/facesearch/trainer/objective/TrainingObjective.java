package org.facesearch.trainer.objective;

import java.util.List;
import java.util.Map;
import org.facesearch.model.bundle.Objective;
import org.facesearch.trainer.BestValidation;
import org.facesearch.trainer.Setting;
import org.facesearch.trainer.TrainConfig;

/**
 * One training objective, in one place: its name, the settings it reads with their defaults, the
 * checks on them, what bundles record about it, and the {@link ObjectiveTrainer} that draws its
 * batches and computes its loss. {@link Objectives} lists them all; the training loop, the command
 * line and the sweep know nothing about any one of them.
 */
public interface TrainingObjective {
  /** The name command lines and hyperparameter records use, e.g. {@code triplet}. */
  String id();

  /** One line for the command line's help. */
  String summary();

  /** What the model bundle says the model was trained with; it fixes the head. */
  Objective bundleObjective();

  /** The settings of this objective only; a config holds a value for each. */
  List<Setting<?>> settings();

  /**
   * Puts this objective's defaults on a builder that holds the common ones: at least a value for
   * each of {@link #settings()}, and any common setting the seeds chose differently.
   */
  void applyDefaults(TrainConfig.Builder builder);

  /**
   * Checks that go beyond one setting's range (a batch too small for P x K, a backbone the head is
   * not defined on).
   *
   * @throws IllegalArgumentException naming the problem and what to change
   */
  default void check(TrainConfig config) {}

  /**
   * Adds to or corrects what bundles and checkpoints record; the objective's settings and the
   * common ones are there already.
   */
  default void describe(TrainConfig config, Map<String, Object> hyperparameters) {}

  /** Whether a run of this objective needs a teacher model ({@code RunPlan#teacher}). */
  default boolean needsTeacher() {
    return false;
  }

  /** Which validation figure ranks this objective's checkpoints (for {@code --best-weights}). */
  default BestValidation bestValidation() {
    return BestValidation.ACCURACY;
  }

  /** The trainer of one run. */
  ObjectiveTrainer trainer(TrainingSetup setup);
}

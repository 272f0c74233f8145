package org.facesearch.trainer.features;

/**
 * What a {@link FeatureModelTrainer} reports while it works; every method does nothing by default.
 */
public interface FeatureTrainingListener {
  /** A stage begins, e.g. "randomised PCA of 17,304 descriptors". */
  default void stage(String description) {}

  /** One pass over the training descriptors finished. */
  default void pass(int pass, int rows, double seconds) {}

  /** A candidate projection was judged on the validation people's pairs. */
  default void candidate(
      int pcaDim, int outputDim, double validationAuc, double validationAccuracy) {}
}

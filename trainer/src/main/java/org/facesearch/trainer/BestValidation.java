package org.facesearch.trainer;

/**
 * Which figure of a validation ranks a run's checkpoints, for {@code --best-weights} and for the
 * checkpoint kept beside the newest ones. Each objective says which of its figures measures what it
 * is trying to do on data it did not train on.
 */
public enum BestValidation {
  /**
   * The most accurate same/different decisions on the validation pairs of held-out people (the
   * threshold chosen on those pairs): every objective has it, but at 600 pairs one pair moves it by
   * 0.17 points, so nearby validations differ mostly by chance.
   */
  ACCURACY("best validation accuracy"),
  /**
   * The lowest validation loss. Only for an objective whose validation loss is measured on held-out
   * people's images and is what the objective minimises there (a student's distance from its
   * teacher), so that it averages over hundreds of faces instead of counting pair decisions.
   */
  LOSS("lowest validation loss");

  private final String description;

  BestValidation(String description) {
    this.description = description;
  }

  /** What bundles record as {@code bundleWeights}, e.g. {@code best validation accuracy}. */
  public String description() {
    return description;
  }
}

package org.facesearch.evaluation;

import java.util.List;
import org.facesearch.data.split.SeedSubset;

/**
 * The knobs of an evaluation. The LFW protocols themselves have none; these govern the clustering
 * subset and the pictures.
 *
 * @param seed seeds the train/test split of the subset, k-means and t-SNE
 * @param minFaces the clustering subset: people with at least this many photos (50: 12 people)
 * @param testFraction share of each person's subset photos used as queries and for clustering
 * @param kMeansRestarts k-means runs, the one with the lowest distortion kept
 * @param tsneIterations t-SNE iterations (at least {@link TsneLayout#MIN_ITERATIONS})
 * @param falseAcceptRates where TAR is reported
 */
public record EvaluationSettings(
    long seed,
    int minFaces,
    double testFraction,
    int kMeansRestarts,
    int tsneIterations,
    List<Double> falseAcceptRates) {

  /** The seed subset's split as the seeds made it ({@link SeedSubset#DEFAULT}). */
  public static final EvaluationSettings DEFAULT =
      new EvaluationSettings(
          SeedSubset.DEFAULT.seed(),
          SeedSubset.DEFAULT.minFaces(),
          SeedSubset.DEFAULT.testFraction(),
          10,
          1000,
          View2.DEFAULT_FARS);

  public EvaluationSettings {
    falseAcceptRates = List.copyOf(falseAcceptRates);
    if (minFaces < 2) {
      throw new IllegalArgumentException(
          "the clustering subset needs at least 2 faces per person, got " + minFaces);
    }
    if (kMeansRestarts < 1) {
      throw new IllegalArgumentException(
          "k-means needs at least one restart, got " + kMeansRestarts);
    }
    if (tsneIterations < TsneLayout.MIN_ITERATIONS) {
      throw new IllegalArgumentException(
          "t-SNE needs at least "
              + TsneLayout.MIN_ITERATIONS
              + " iterations, got "
              + tsneIterations);
    }
  }

  /**
   * The clustering subset and its train/test split: the same record a seed-protocol training run
   * reads, so a model trained with these values never saw the test photos.
   */
  public SeedSubset seedSubset() {
    return new SeedSubset(minFaces, testFraction, seed);
  }

  public EvaluationSettings withSeed(long newSeed) {
    return new EvaluationSettings(
        newSeed, minFaces, testFraction, kMeansRestarts, tsneIterations, falseAcceptRates);
  }
}

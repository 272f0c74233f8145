package org.facesearch.model.verify;

import java.util.ArrayList;
import java.util.List;

/**
 * One bin of a reliability diagram: the predictions of "same person" that fell in {@code [low,
 * high)}, the mean of those predictions, and the share of them that really were the same person. A
 * calibrated model has {@code observed} close to {@code predicted} in every bin.
 */
public record ReliabilityBin(
    double low, double high, int pairs, double predicted, double observed) {
  public static final int BINS = 10;

  /** {@code calibration}'s predictions for {@code pairs} in {@link #BINS} equal-width bins. */
  public static List<ReliabilityBin> of(Calibration calibration, List<ScoredPair> pairs) {
    double[] probabilities = new double[pairs.size()];
    boolean[] same = new boolean[pairs.size()];
    for (int i = 0; i < pairs.size(); i++) {
      probabilities[i] = calibration.probability(pairs.get(i).score());
      same[i] = pairs.get(i).same();
    }
    return of(probabilities, same);
  }

  /**
   * Predicted probabilities of "same person" and the truth, in {@link #BINS} equal-width bins; for
   * predictions that do not come from one {@link Calibration}.
   */
  public static List<ReliabilityBin> of(double[] probabilities, boolean[] same) {
    if (probabilities.length != same.length) {
      throw new IllegalArgumentException(
          probabilities.length + " predictions but " + same.length + " answers");
    }
    int[] counts = new int[BINS];
    double[] predicted = new double[BINS];
    int[] right = new int[BINS];
    for (int i = 0; i < probabilities.length; i++) {
      double p = probabilities[i];
      if (!(p >= 0 && p <= 1)) {
        throw new IllegalArgumentException("prediction " + i + " is " + p + ", not in [0, 1]");
      }
      int bin = Math.min(BINS - 1, (int) (p * BINS));
      counts[bin]++;
      predicted[bin] += p;
      right[bin] += same[i] ? 1 : 0;
    }
    List<ReliabilityBin> bins = new ArrayList<>();
    for (int b = 0; b < BINS; b++) {
      if (counts[b] > 0) {
        bins.add(
            new ReliabilityBin(
                b / (double) BINS,
                (b + 1) / (double) BINS,
                counts[b],
                predicted[b] / counts[b],
                right[b] / (double) counts[b]));
      }
    }
    return bins;
  }

  /** Expected calibration error: the pair-weighted mean gap between predicted and observed. */
  public static double expectedError(List<ReliabilityBin> bins) {
    double total = 0;
    double gap = 0;
    for (ReliabilityBin bin : bins) {
      total += bin.pairs();
      gap += bin.pairs() * Math.abs(bin.predicted() - bin.observed());
    }
    return gap / total;
  }
}

package org.facesearch.evaluation;

import java.util.ArrayList;
import java.util.List;
import org.facesearch.model.verify.Calibration;

/**
 * One bin of a reliability diagram: the pairs whose predicted probability of "same person" fell in
 * {@code [low, high)}, the mean of those predictions, and the share of them that really were the
 * same person. A calibrated model has {@code observed} close to {@code predicted} in every bin.
 */
public record ReliabilityBin(
    double low, double high, int pairs, double predicted, double observed) {
  public static final int BINS = 10;

  /** {@code calibration}'s predictions for {@code pairs} in {@link #BINS} equal-width bins. */
  public static List<ReliabilityBin> of(Calibration calibration, List<ScoredFacePair> pairs) {
    int[] counts = new int[BINS];
    double[] predicted = new double[BINS];
    int[] same = new int[BINS];
    for (ScoredFacePair pair : pairs) {
      double p = calibration.probability(pair.score());
      int bin = Math.min(BINS - 1, (int) (p * BINS));
      counts[bin]++;
      predicted[bin] += p;
      same[bin] += pair.pair().same() ? 1 : 0;
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
                same[b] / (double) counts[b]));
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

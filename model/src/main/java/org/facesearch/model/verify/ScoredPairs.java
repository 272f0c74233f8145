package org.facesearch.model.verify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A set of scored verification pairs and what follows from them: the threshold with the best
 * accuracy (as the LFW protocol calibrates on training folds), the accuracy at a given threshold,
 * the ROC curve and its area. Pairs are judged "same" iff {@code score >= threshold}.
 */
public final class ScoredPairs {
  private final double[] scores;
  private final boolean[] same;
  private final int positives;

  /** Copies and sorts the pairs; scores must be finite. */
  public ScoredPairs(List<ScoredPair> pairs) {
    if (pairs.isEmpty()) {
      throw new IllegalArgumentException("no scored pairs");
    }
    for (int i = 0; i < pairs.size(); i++) {
      if (!Double.isFinite(pairs.get(i).score())) {
        throw new IllegalArgumentException(
            "pair " + i + " has score " + pairs.get(i).score() + "; scores must be finite");
      }
    }
    ScoredPair[] sorted = pairs.toArray(ScoredPair[]::new);
    Arrays.sort(sorted, Comparator.comparingDouble(ScoredPair::score));
    scores = new double[sorted.length];
    same = new boolean[sorted.length];
    int count = 0;
    for (int i = 0; i < sorted.length; i++) {
      scores[i] = sorted[i].score();
      same[i] = sorted[i].same();
      count += same[i] ? 1 : 0;
    }
    positives = count;
  }

  public int size() {
    return scores.length;
  }

  /** Share of pairs classified correctly when "same" means {@code score >= threshold}. */
  public double accuracyAt(double threshold) {
    int correct = 0;
    for (int i = 0; i < scores.length; i++) {
      correct += (scores[i] >= threshold) == same[i] ? 1 : 0;
    }
    return correct / (double) scores.length;
  }

  /**
   * The Platt calibration fitted to these pairs (see {@link Calibration#fit}); empty when they are
   * all of one kind (all same-person or all different), which says nothing about probabilities.
   */
  public Optional<Calibration> calibration() {
    if (positives == 0 || positives == scores.length) {
      return Optional.empty();
    }
    List<ScoredPair> pairs = new ArrayList<>(scores.length);
    for (int i = 0; i < scores.length; i++) {
      pairs.add(new ScoredPair(scores[i], same[i]));
    }
    return Optional.of(Calibration.fit(pairs));
  }

  /**
   * The most accurate threshold among the midpoints between consecutive distinct scores, plus one
   * below the lowest score (all "same") and one above the highest (all "different"), each 1.0
   * beyond it. Ties go to the lowest such threshold.
   */
  public ThresholdChoice bestThreshold() {
    // Start below every score: all pairs called "same", so exactly the positives are right.
    int correct = positives;
    int bestCorrect = correct;
    double bestThreshold = scores[0] - 1.0;
    int i = 0;
    while (i < scores.length) {
      int j = i;
      while (j < scores.length && scores[j] == scores[i]) {
        // Moving the threshold above this score flips these pairs to "different".
        correct += same[j] ? -1 : 1;
        j++;
      }
      double threshold = j < scores.length ? (scores[i] + scores[j]) / 2 : scores[i] + 1.0;
      if (correct > bestCorrect) {
        bestCorrect = correct;
        bestThreshold = threshold;
      }
      i = j;
    }
    return new ThresholdChoice(bestThreshold, bestCorrect / (double) scores.length);
  }

  /** The ROC curve from (0, 0) to (1, 1), one point per distinct score, highest first. */
  public List<RocPoint> rocCurve() {
    int negatives = scores.length - positives;
    if (positives == 0 || negatives == 0) {
      throw new IllegalStateException(
          "a ROC curve needs same and different pairs; got "
              + positives
              + " same and "
              + negatives
              + " different");
    }
    List<RocPoint> points = new ArrayList<>();
    points.add(new RocPoint(Double.POSITIVE_INFINITY, 0, 0));
    int truePositives = 0;
    int falsePositives = 0;
    int i = scores.length - 1;
    while (i >= 0) {
      int j = i;
      while (j >= 0 && scores[j] == scores[i]) {
        if (same[j]) {
          truePositives++;
        } else {
          falsePositives++;
        }
        j--;
      }
      points.add(
          new RocPoint(
              scores[i], falsePositives / (double) negatives, truePositives / (double) positives));
      i = j;
    }
    return List.copyOf(points);
  }

  /**
   * Area under {@link #rocCurve()} by the trapezoid rule: the chance that a random same-person pair
   * outscores a random different-person pair, ties counting half.
   */
  public double auc() {
    List<RocPoint> points = rocCurve();
    double area = 0;
    for (int k = 1; k < points.size(); k++) {
      RocPoint a = points.get(k - 1);
      RocPoint b = points.get(k);
      area +=
          (b.falsePositiveRate() - a.falsePositiveRate())
              * (a.truePositiveRate() + b.truePositiveRate())
              / 2;
    }
    return area;
  }
}

package org.facesearch.model.verify;

import java.util.List;

/**
 * Single-number summaries of a ROC curve (as {@link ScoredPairs#rocCurve()} returns it: from (0, 0)
 * to (1, 1), false-positive rate never decreasing) that face-verification papers report beside
 * accuracy and AUC.
 */
public final class OperatingPoints {
  private OperatingPoints() {}

  /**
   * The equal error rate: where the false-accept rate equals the false-reject rate ({@code 1 -
   * TAR}). The curve is a staircase, so the crossing is interpolated linearly between the two
   * points that straddle it; that is the convention of most EER tools.
   */
  public static double equalErrorRate(List<RocPoint> roc) {
    checkCurve(roc);
    RocPoint previous = roc.getFirst();
    for (RocPoint point : roc.subList(1, roc.size())) {
      double before = imbalance(previous);
      double after = imbalance(point);
      if (before <= 0 && after >= 0) {
        double t = after == before ? 0 : -before / (after - before);
        return previous.falsePositiveRate()
            + t * (point.falsePositiveRate() - previous.falsePositiveRate());
      }
      previous = point;
    }
    throw new IllegalStateException("a ROC curve ending at (1, 1) always crosses FAR = FRR");
  }

  /**
   * The true-accept rate at a false-accept rate of at most {@code falseAcceptRate}: the best TAR
   * among thresholds that really achieve that FAR on these pairs, without interpolating towards
   * thresholds that do not exist (so with N different-person pairs, FARs below 1/N give the TAR at
   * zero false accepts).
   */
  public static double trueAcceptRateAt(List<RocPoint> roc, double falseAcceptRate) {
    if (!(falseAcceptRate >= 0 && falseAcceptRate <= 1)) {
      throw new IllegalArgumentException(
          "a false-accept rate lies in [0, 1], got " + falseAcceptRate);
    }
    checkCurve(roc);
    double best = 0;
    for (RocPoint point : roc) {
      if (point.falsePositiveRate() <= falseAcceptRate) {
        best = Math.max(best, point.truePositiveRate());
      }
    }
    return best;
  }

  /** FAR minus FRR: negative while the threshold is too strict, positive once too lax. */
  private static double imbalance(RocPoint point) {
    return point.falsePositiveRate() - (1 - point.truePositiveRate());
  }

  private static void checkCurve(List<RocPoint> roc) {
    if (roc.size() < 2) {
      throw new IllegalArgumentException(
          "a ROC curve needs at least two points, got " + roc.size());
    }
  }
}

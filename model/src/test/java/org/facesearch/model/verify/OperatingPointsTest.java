package org.facesearch.model.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperatingPointsTest {

  private static List<RocPoint> roc(double[] same, double[] different) {
    List<ScoredPair> pairs = new ArrayList<>();
    for (double s : same) {
      pairs.add(new ScoredPair(s, true));
    }
    for (double s : different) {
      pairs.add(new ScoredPair(s, false));
    }
    return new ScoredPairs(pairs).rocCurve();
  }

  @Test
  void equalErrorRateWhereTheStaircaseMeetsTheDiagonal() {
    // Thresholds from the top: 0.9 (FAR 0, TAR 1/3), 0.8 (0, 2/3), 0.7 (1/3, 2/3): there one of
    // three different pairs is accepted and one of three same pairs rejected, FAR = FRR = 1/3.
    List<RocPoint> curve = roc(new double[] {0.9, 0.8, 0.4}, new double[] {0.7, 0.3, 0.2});
    assertEquals(1 / 3.0, OperatingPoints.equalErrorRate(curve), 1e-12);
  }

  @Test
  void equalErrorRateInterpolatesBetweenStraddlingPoints() {
    // One same pair below one different pair: the curve jumps from (0, 0.5) to (0.5, 0.5) to
    // (0.5, 1). FAR - FRR goes -0.5 at (0, 0.5) to 0 at (0.5, 0.5): EER 0.5 exactly there.
    assertEquals(
        0.5,
        OperatingPoints.equalErrorRate(roc(new double[] {0.9, 0.1}, new double[] {0.5, 0.0})),
        1e-12);
    // Two tied scores of opposite kinds: one diagonal step from (0, 0) to (1, 1); EER = 0.5 midway.
    assertEquals(
        0.5, OperatingPoints.equalErrorRate(roc(new double[] {0.3}, new double[] {0.3})), 1e-12);
    // One same and three different pairs all tied at one score: the step (0,0)->(1,1) crosses
    // FAR = 1 - TAR at t = 0.5.
    assertEquals(
        0.5,
        OperatingPoints.equalErrorRate(roc(new double[] {0.3}, new double[] {0.3, 0.3, 0.3})),
        1e-12);
  }

  @Test
  void perfectSeparationHasNoErrors() {
    List<RocPoint> curve = roc(new double[] {0.9, 0.8}, new double[] {0.2, 0.1});
    assertEquals(0, OperatingPoints.equalErrorRate(curve), 1e-12);
    assertEquals(1, OperatingPoints.trueAcceptRateAt(curve, 0), 1e-12);
  }

  @Test
  void trueAcceptRateAtTheStrictestReachableFalseAcceptRate() {
    // 10 different pairs at 0.00..0.09 plus one at 0.85, so the first false accept comes at 0.85;
    // 4 same pairs at 0.95, 0.9, 0.8, 0.5.
    double[] different = {0.85, 0.0, 0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.09};
    double[] same = {0.95, 0.9, 0.8, 0.5};
    List<RocPoint> curve = roc(same, different);
    // FAR 0 allows thresholds above 0.85: two same pairs accepted.
    assertEquals(0.5, OperatingPoints.trueAcceptRateAt(curve, 0), 1e-12);
    // 1/11 allows accepting 0.85, then 0.8 and 0.5: all four same pairs, still one false accept.
    assertEquals(1.0, OperatingPoints.trueAcceptRateAt(curve, 1 / 11.0), 1e-12);
    // Just under 1/11 is no better than zero.
    assertEquals(0.5, OperatingPoints.trueAcceptRateAt(curve, 0.09), 1e-12);
  }

  @Test
  void falseAcceptRatesOutsideZeroToOneAreRefused() {
    List<RocPoint> curve = roc(new double[] {0.9}, new double[] {0.1});
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> OperatingPoints.trueAcceptRateAt(curve, 1.5));
    assertEquals("a false-accept rate lies in [0, 1], got 1.5", e.getMessage());
  }
}

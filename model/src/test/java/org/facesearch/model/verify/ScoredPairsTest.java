package org.facesearch.model.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScoredPairsTest {
  // Sorted: 0.1 diff, 0.3 diff, 0.6 same, 0.7 diff, 0.8 same, 0.9 same.
  private final ScoredPairs pairs =
      new ScoredPairs(
          List.of(
              new ScoredPair(0.9, true),
              new ScoredPair(0.3, false),
              new ScoredPair(0.8, true),
              new ScoredPair(0.1, false),
              new ScoredPair(0.7, false),
              new ScoredPair(0.6, true)));

  @Test
  void accuracyCountsScoresAtTheThresholdAsSame() {
    assertEquals(5 / 6.0, pairs.accuracyAt(0.45));
    // At 0.6 the 0.6 pair is accepted (right) and 0.7 too (wrong): 5 of 6.
    assertEquals(5 / 6.0, pairs.accuracyAt(0.6));
    // Just above 0.6 it is rejected: 4 of 6.
    assertEquals(4 / 6.0, pairs.accuracyAt(0.6000001));
    assertEquals(3 / 6.0, pairs.accuracyAt(-5));
    assertEquals(3 / 6.0, pairs.accuracyAt(5));
  }

  @Test
  void bestThresholdIsTheFirstMidpointWithTopAccuracy() {
    // Midpoints 0.2, 0.45, 0.65, 0.75, 0.85 score 4, 5, 4, 5, 4 of 6; the extremes 3 of 6.
    ThresholdChoice best = pairs.bestThreshold();
    assertEquals(0.45, best.threshold(), 1e-12);
    assertEquals(5 / 6.0, best.accuracy());
  }

  @Test
  void perfectlySeparatedPairsGetTheGapsMidpoint() {
    ScoredPairs separated =
        new ScoredPairs(
            List.of(
                new ScoredPair(-0.2, false),
                new ScoredPair(0.1, false),
                new ScoredPair(0.5, true),
                new ScoredPair(0.7, true)));
    assertEquals(new ThresholdChoice(0.3, 1.0), separated.bestThreshold());
  }

  @Test
  void allSamePairsAreBestServedBelowTheLowestScore() {
    ScoredPairs allSame =
        new ScoredPairs(List.of(new ScoredPair(0.4, true), new ScoredPair(0.2, true)));
    assertEquals(new ThresholdChoice(0.2 - 1.0, 1.0), allSame.bestThreshold());
  }

  @Test
  void rocCurveStepsThroughEachDistinctScore() {
    List<RocPoint> roc = pairs.rocCurve();
    assertEquals(
        List.of(
            new RocPoint(Double.POSITIVE_INFINITY, 0, 0),
            new RocPoint(0.9, 0, 1 / 3.0),
            new RocPoint(0.8, 0, 2 / 3.0),
            new RocPoint(0.7, 1 / 3.0, 2 / 3.0),
            new RocPoint(0.6, 1 / 3.0, 1),
            new RocPoint(0.3, 2 / 3.0, 1),
            new RocPoint(0.1, 1, 1)),
        roc);
  }

  @Test
  void aucIsTheShareOfSameDifferentPairsRankedRight() {
    // Same 0.9 and 0.8 beat all three different pairs, 0.6 beats two of them: 8 of 9.
    assertEquals(8 / 9.0, pairs.auc(), 1e-12);
  }

  @Test
  void tiedScoresCountHalf() {
    ScoredPairs tied =
        new ScoredPairs(
            List.of(
                new ScoredPair(0.5, true),
                new ScoredPair(0.5, false),
                new ScoredPair(0.9, true),
                new ScoredPair(0.1, false)));
    // Of the 4 same/different combinations: 3 ranked right, one tie (0.5 vs 0.5) counts half.
    assertEquals(3.5 / 4, tied.auc(), 1e-12);
  }

  @Test
  void badInputIsRejectedWithTheReason() {
    assertEquals(
        "no scored pairs",
        assertThrows(IllegalArgumentException.class, () -> new ScoredPairs(List.of()))
            .getMessage());
    assertEquals(
        "pair 1 has score NaN; scores must be finite",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    new ScoredPairs(
                        List.of(new ScoredPair(0.2, true), new ScoredPair(Double.NaN, false))))
            .getMessage());
    ScoredPairs oneSided = new ScoredPairs(List.of(new ScoredPair(0.2, true)));
    assertEquals(
        "a ROC curve needs same and different pairs; got 1 same and 0 different",
        assertThrows(IllegalStateException.class, oneSided::auc).getMessage());
  }
}

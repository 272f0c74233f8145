package org.facesearch.model.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CalibrationTest {

  /**
   * Two scores, four pairs each. Platt's targets are 5/6 (same) and 1/6 (different), so the mean
   * target is (5/6 + 3 * 1/6) / 4 = 1/3 at 0.2 and (3 * 5/6 + 1/6) / 4 = 2/3 at 0.8; with only two
   * distinct scores the maximum-likelihood fit hits both exactly: log-odds -ln 2 and +ln 2, so the
   * slope is 2 ln 2 / 0.6 and the intercept -ln 2 - 0.2 * slope = -(5/3) ln 2.
   */
  @Test
  void fitMatchesAHandComputedCase() {
    List<ScoredPair> pairs = new ArrayList<>();
    pairs.add(new ScoredPair(0.2, true));
    for (int i = 0; i < 3; i++) {
      pairs.add(new ScoredPair(0.2, false));
      pairs.add(new ScoredPair(0.8, true));
    }
    pairs.add(new ScoredPair(0.8, false));

    Calibration fitted = Calibration.fit(pairs);

    assertEquals(2 * Math.log(2) / 0.6, fitted.slope(), 1e-8);
    assertEquals(-5.0 / 3 * Math.log(2), fitted.intercept(), 1e-8);
    assertEquals(1.0 / 3, fitted.probability(0.2), 1e-9);
    assertEquals(2.0 / 3, fitted.probability(0.8), 1e-9);
    assertEquals(0.5, fitted.evenOddsScore().orElseThrow(), 1e-9);
  }

  @Test
  void probabilityRisesWithTheScoreAndStaysWithinZeroAndOne() {
    // Overlapping noisy scores, as a real model gives: same-person pairs around 0.8, others 0.5.
    Random random = new Random(3);
    List<ScoredPair> pairs = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      pairs.add(new ScoredPair(0.8 + 0.1 * random.nextGaussian(), true));
      pairs.add(new ScoredPair(0.5 + 0.1 * random.nextGaussian(), false));
    }
    Calibration fitted = Calibration.fit(pairs);
    assertTrue(fitted.slope() > 0, fitted.toString());
    double previous = -1;
    for (double score = -1; score <= 1.0001; score += 0.01) {
      double p = fitted.probability(score);
      assertTrue(p >= 0 && p <= 1, "probability " + p + " at " + score);
      assertTrue(p >= previous, "falls at " + score);
      previous = p;
    }
    // Equal spreads and counts: even odds halfway between the two means.
    assertEquals(0.65, fitted.evenOddsScore().orElseThrow(), 0.02);
  }

  @Test
  void extremeLogOddsDoNotOverflow() {
    Calibration steep = new Calibration(5000, -4000);
    assertEquals(0, steep.probability(-1), 0);
    assertEquals(1, steep.probability(1), 0);
  }

  @Test
  void perfectlySeparatedPairsStillGiveAFiniteFit() {
    Calibration fitted =
        Calibration.fit(List.of(new ScoredPair(0.9, true), new ScoredPair(0.1, false)));
    assertTrue(fitted.probability(0.9) > 0.5 && fitted.probability(0.9) < 1);
    assertTrue(fitted.probability(0.1) < 0.5 && fitted.probability(0.1) > 0);
  }

  @Test
  void roundTripsThroughABundlesMetrics() {
    Calibration calibration = new Calibration(12.5, -10);
    assertEquals(calibration, Calibration.fromMetrics(calibration.asMetrics()).orElseThrow());
    assertTrue(Calibration.fromMetrics(Map.of("threshold", 0.8)).isEmpty());
  }

  @Test
  void scoredPairsOfOnlyOneKindHaveNoCalibration() {
    assertTrue(
        new ScoredPairs(List.of(new ScoredPair(0.9, true), new ScoredPair(0.7, true)))
            .calibration()
            .isEmpty());
    assertTrue(
        new ScoredPairs(List.of(new ScoredPair(0.9, true), new ScoredPair(0.2, false)))
            .calibration()
            .isPresent());
  }

  @Test
  void pairsOfOnlyOneKindAreRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Calibration.fit(List.of(new ScoredPair(0.9, true))));
    assertEquals(
        "calibration needs both same-person and different-person pairs, got 1 and 0",
        e.getMessage());
  }
}

package org.facesearch.trainer.run;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FinalEvaluationTest {
  @Test
  void flipAveragingIsKeptOnlyForAGainOfHalfAPointOrMore() {
    assertFalse(FinalEvaluation.worthFlipping(0.933, 0.935), "the 96x96 run's 0.002: noise");
    assertFalse(FinalEvaluation.worthFlipping(0.940, 0.940));
    assertFalse(FinalEvaluation.worthFlipping(0.940, 0.930));
    assertTrue(FinalEvaluation.worthFlipping(0.930, 0.935), "exactly half a point");
    assertTrue(FinalEvaluation.worthFlipping(0.900, 0.920));
  }
}

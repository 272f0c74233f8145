package org.facesearch.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.facesearch.data.protocol.FacePair;
import org.facesearch.data.protocol.ImageRef;
import org.junit.jupiter.api.Test;

class View1Test {

  private static ScoredFacePair pair(boolean same, double score) {
    ImageRef a = new ImageRef("Person_A", 1);
    ImageRef b = same ? new ImageRef("Person_A", 2) : new ImageRef("Person_B", 1);
    return new ScoredFacePair(new FacePair(a, b, same, 0), score);
  }

  @Test
  void theTestPairsAreJudgedWithTheTrainingThreshold() {
    // Training pairs separate at 0.5 (midpoint of 0.4 and 0.6).
    List<ScoredFacePair> train =
        List.of(pair(true, 0.6), pair(true, 0.9), pair(false, 0.4), pair(false, 0.1));
    // On test pairs a threshold near 0.3 would be perfect, but 0.5 gets the 0.35 and 0.45 same
    // pairs wrong: 2 of 4.
    List<ScoredFacePair> test =
        List.of(pair(true, 0.35), pair(true, 0.45), pair(false, 0.2), pair(false, 0.25));
    View1 result = View1.evaluate(train, test);
    assertEquals(0.5, result.threshold(), 1e-12);
    assertEquals(1.0, result.trainAccuracy(), 1e-12);
    assertEquals(0.5, result.accuracy(), 1e-12);
    assertEquals(4, result.testPairs());
  }
}

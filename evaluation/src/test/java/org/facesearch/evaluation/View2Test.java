package org.facesearch.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.facesearch.data.protocol.FacePair;
import org.facesearch.data.protocol.ImageRef;
import org.facesearch.data.protocol.PairsFile;
import org.facesearch.data.testing.LfwTestData;
import org.facesearch.model.verify.ScoredPair;
import org.facesearch.model.verify.ScoredPairs;
import org.junit.jupiter.api.Test;

class View2Test {

  private static ScoredFacePair pair(boolean same, double score, int fold) {
    ImageRef a = new ImageRef("Person_A", 1);
    ImageRef b = same ? new ImageRef("Person_A", 2) : new ImageRef("Person_B", 1);
    return new ScoredFacePair(new FacePair(a, b, same, fold), score);
  }

  @Test
  void eachRealPairsTxtPairIsTestedExactlyOnceAndNeverCalibratesItsOwnFold() {
    List<FacePair> pairs = PairsFile.read(LfwTestData.root().resolve("pairs.txt")).pairs();
    List<ScoredFacePair> scored = new ArrayList<>();
    for (int i = 0; i < pairs.size(); i++) {
      scored.add(new ScoredFacePair(pairs.get(i), Math.sin(i)));
    }
    List<FoldSplit> splits = View2.splits(scored);
    assertEquals(10, splits.size());
    IdentityHashMap<ScoredFacePair, Integer> timesTested = new IdentityHashMap<>();
    for (FoldSplit split : splits) {
      assertEquals(600, split.test().size(), "fold " + split.fold());
      assertEquals(5400, split.calibration().size(), "fold " + split.fold());
      split.test().forEach(p -> timesTested.merge(p, 1, Integer::sum));
      assertTrue(split.test().stream().allMatch(p -> p.fold() == split.fold()));
      assertTrue(split.calibration().stream().noneMatch(p -> p.fold() == split.fold()));
      // Calibration and test together are exactly all pairs, each once.
      Set<ScoredFacePair> union = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
      union.addAll(split.test());
      union.addAll(split.calibration());
      assertEquals(6000, union.size());
    }
    assertEquals(6000, timesTested.size());
    assertTrue(timesTested.values().stream().allMatch(n -> n == 1));
  }

  @Test
  void aFoldIsJudgedWithTheThresholdOfTheOtherFoldsOnly() {
    List<ScoredFacePair> pairs = new ArrayList<>();
    // Folds 1 and 2 alone put the best threshold at 0.5, the midpoint of 0.2 and 0.8.
    for (int fold = 1; fold <= 2; fold++) {
      pairs.add(pair(true, 0.8, fold));
      pairs.add(pair(false, 0.2, fold));
    }
    // Fold 0's same-person pairs score 0.45..0.47: had fold 0 been used, a threshold below 0.45
    // would win. With 0.5 they are all rejected; only its different pair is right.
    pairs.add(pair(true, 0.45, 0));
    pairs.add(pair(true, 0.46, 0));
    pairs.add(pair(true, 0.47, 0));
    pairs.add(pair(false, 0.1, 0));

    View2 result = View2.evaluate(pairs, View2.DEFAULT_FARS);
    FoldResult fold0 = result.folds().get(0);
    assertEquals(0, fold0.fold());
    assertEquals(0.5, fold0.threshold(), 1e-12);
    assertEquals(0.25, fold0.accuracy(), 1e-12);
    assertEquals(4, fold0.pairs());
    for (FoldSplit split : View2.splits(pairs)) {
      double expected =
          new ScoredPairs(split.calibration().stream().map(ScoredFacePair::scored).toList())
              .bestThreshold()
              .threshold();
      assertEquals(expected, result.folds().get(split.fold()).threshold(), 1e-12);
    }
  }

  @Test
  void meanAndStandardErrorFollowLfwsDefinition() {
    List<ScoredFacePair> pairs = new ArrayList<>();
    // Three folds; every fold separable at 0.5 except fold 2, where one of four pairs is wrong.
    for (int fold = 0; fold < 3; fold++) {
      pairs.add(pair(true, 0.9, fold));
      pairs.add(pair(true, 0.8, fold));
      pairs.add(pair(false, 0.1, fold));
      pairs.add(pair(false, fold == 2 ? 0.95 : 0.2, fold));
    }
    View2 result = View2.evaluate(pairs, View2.DEFAULT_FARS);
    double[] accuracies = result.folds().stream().mapToDouble(FoldResult::accuracy).toArray();
    assertEquals(1.0, accuracies[0], 1e-12);
    assertEquals(1.0, accuracies[1], 1e-12);
    assertEquals(0.75, accuracies[2], 1e-12);
    double mean = (1 + 1 + 0.75) / 3;
    double sampleSd = Math.sqrt((2 * Math.pow(1 - mean, 2) + Math.pow(0.75 - mean, 2)) / 2);
    assertEquals(mean, result.accuracy(), 1e-12);
    assertEquals(sampleSd / Math.sqrt(3), result.standardError(), 1e-12);
  }

  @Test
  void pooledFiguresUseEveryPair() {
    List<ScoredFacePair> pairs = new ArrayList<>();
    List<ScoredPair> plain = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      boolean same = i % 2 == 0;
      double score = same ? 0.3 + (i % 7) * 0.1 : (i % 5) * 0.12;
      pairs.add(pair(same, score, i % 4));
      plain.add(new ScoredPair(score, same));
    }
    View2 result = View2.evaluate(pairs, List.of(0.0, 0.5));
    ScoredPairs all = new ScoredPairs(plain);
    assertEquals(all.auc(), result.auc(), 1e-12);
    assertEquals(all.rocCurve(), result.roc());
    assertEquals(Set.of(0.0, 0.5), new HashSet<>(result.tarAtFar().keySet()));
    assertTrue(result.tarAtFar().get(0.0) <= result.tarAtFar().get(0.5));
  }

  @Test
  void pairsFromASingleFoldCannotBeCrossValidated() {
    List<ScoredFacePair> pairs = List.of(pair(true, 0.9, 0), pair(false, 0.1, 0));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> View2.evaluate(pairs, View2.DEFAULT_FARS));
    assertEquals(
        "cross-validation needs pairs from at least two folds, got 1 (View 2 uses pairs.txt, which"
            + " has 10)",
        e.getMessage());
  }
}

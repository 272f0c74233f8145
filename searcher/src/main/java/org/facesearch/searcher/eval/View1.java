package org.facesearch.searcher.eval;

import java.util.List;
import org.facesearch.model.verify.ScoredPairs;
import org.facesearch.model.verify.ThresholdChoice;

/**
 * LFW View 1: the threshold is chosen on {@code pairsDevTrain.txt} (best accuracy there) and
 * applied unchanged to {@code pairsDevTest.txt}.
 *
 * @param threshold same person iff similarity >= threshold
 * @param trainAccuracy accuracy on the development training pairs at that threshold
 * @param accuracy accuracy on the development test pairs: the View 1 result
 * @param testPairs how many test pairs were judged
 */
public record View1(double threshold, double trainAccuracy, double accuracy, int testPairs) {

  public static View1 evaluate(List<ScoredFacePair> devTrain, List<ScoredFacePair> devTest) {
    ThresholdChoice chosen = pairs(devTrain).bestThreshold();
    double accuracy = pairs(devTest).accuracyAt(chosen.threshold());
    return new View1(chosen.threshold(), chosen.accuracy(), accuracy, devTest.size());
  }

  static ScoredPairs pairs(List<ScoredFacePair> scored) {
    return new ScoredPairs(scored.stream().map(ScoredFacePair::scored).toList());
  }
}

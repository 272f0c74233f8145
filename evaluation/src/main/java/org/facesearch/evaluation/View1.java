package org.facesearch.evaluation;

import java.util.List;
import org.facesearch.model.verify.Calibration;
import org.facesearch.model.verify.ReliabilityBin;
import org.facesearch.model.verify.ScoredPairs;
import org.facesearch.model.verify.ThresholdChoice;

/**
 * LFW View 1: the threshold is chosen on {@code pairsDevTrain.txt} (best accuracy there) and
 * applied unchanged to {@code pairsDevTest.txt}. The probability calibration is fitted on the same
 * training pairs, and its reliability is measured on the test pairs.
 *
 * @param threshold same person iff similarity >= threshold
 * @param trainAccuracy accuracy on the development training pairs at that threshold
 * @param accuracy accuracy on the development test pairs: the View 1 result
 * @param testPairs how many test pairs were judged
 * @param calibration score to probability of "same person", fitted on pairsDevTrain
 * @param reliability predicted against observed on pairsDevTest, by bin of predicted probability
 */
public record View1(
    double threshold,
    double trainAccuracy,
    double accuracy,
    int testPairs,
    Calibration calibration,
    List<ReliabilityBin> reliability) {

  public View1 {
    reliability = List.copyOf(reliability);
  }

  public static View1 evaluate(List<ScoredFacePair> devTrain, List<ScoredFacePair> devTest) {
    ScoredPairs train = pairs(devTrain);
    ThresholdChoice chosen = train.bestThreshold();
    double accuracy = pairs(devTest).accuracyAt(chosen.threshold());
    Calibration calibration =
        train
            .calibration()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "pairsDevTrain.txt lists pairs of only one kind (all the same person or"
                            + " all different); a probability calibration needs both"));
    return new View1(
        chosen.threshold(),
        chosen.accuracy(),
        accuracy,
        devTest.size(),
        calibration,
        ReliabilityBin.of(calibration, devTest.stream().map(ScoredFacePair::scored).toList()));
  }

  static ScoredPairs pairs(List<ScoredFacePair> scored) {
    return new ScoredPairs(scored.stream().map(ScoredFacePair::scored).toList());
  }
}

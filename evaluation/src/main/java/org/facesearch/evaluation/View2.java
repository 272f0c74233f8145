package org.facesearch.evaluation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.facesearch.model.verify.OperatingPoints;
import org.facesearch.model.verify.RocPoint;
import org.facesearch.model.verify.ScoredPairs;
import org.facesearch.model.verify.ThresholdChoice;

/**
 * LFW View 2 on {@code pairs.txt}: for each fold, the threshold is chosen on the other folds and
 * the fold's accuracy measured with it; the result is the mean with its standard error. The
 * threshold-free figures (ROC, AUC, EER, TAR at FAR) pool all pairs, since a similarity score means
 * the same in every fold.
 *
 * @param folds one result per fold, in fold order
 * @param accuracy mean of the fold accuracies
 * @param standardError sample standard deviation of the fold accuracies (n - 1, as LFW's README
 *     defines it) over the square root of the number of folds
 * @param auc area under the pooled ROC curve
 * @param equalErrorRate where false accepts and false rejects are equally frequent
 * @param tarAtFar true-accept rate at each false-accept rate asked for
 * @param roc the pooled ROC curve, strictest threshold first
 */
public record View2(
    List<FoldResult> folds,
    double accuracy,
    double standardError,
    double auc,
    double equalErrorRate,
    SortedMap<Double, Double> tarAtFar,
    List<RocPoint> roc) {

  /** The false-accept rates reported by default: 1 in 100 and 1 in 1,000. */
  public static final List<Double> DEFAULT_FARS = List.of(1e-2, 1e-3);

  public View2 {
    folds = List.copyOf(folds);
    tarAtFar = Collections.unmodifiableSortedMap(new TreeMap<>(tarAtFar));
    roc = List.copyOf(roc);
  }

  public static View2 evaluate(List<ScoredFacePair> pairs, List<Double> falseAcceptRates) {
    List<FoldResult> results = new ArrayList<>();
    for (FoldSplit split : splits(pairs)) {
      ThresholdChoice chosen = View1.pairs(split.calibration()).bestThreshold();
      double accuracy = View1.pairs(split.test()).accuracyAt(chosen.threshold());
      results.add(new FoldResult(split.fold(), chosen.threshold(), accuracy, split.test().size()));
    }
    double mean = results.stream().mapToDouble(FoldResult::accuracy).average().orElseThrow();
    double squares =
        results.stream().mapToDouble(r -> (r.accuracy() - mean) * (r.accuracy() - mean)).sum();
    double standardError = Math.sqrt(squares / (results.size() - 1)) / Math.sqrt(results.size());

    ScoredPairs all = View1.pairs(pairs);
    List<RocPoint> roc = all.rocCurve();
    TreeMap<Double, Double> tar = new TreeMap<>();
    for (double far : falseAcceptRates) {
      tar.put(far, OperatingPoints.trueAcceptRateAt(roc, far));
    }
    return new View2(
        results, mean, standardError, all.auc(), OperatingPoints.equalErrorRate(roc), tar, roc);
  }

  /**
   * One split per fold: that fold to test, the others to calibrate on.
   *
   * @throws IllegalArgumentException if there are fewer than two folds or a fold number is missing
   */
  public static List<FoldSplit> splits(List<ScoredFacePair> pairs) {
    TreeSet<Integer> folds = new TreeSet<>();
    pairs.forEach(p -> folds.add(p.fold()));
    if (folds.size() < 2) {
      throw new IllegalArgumentException(
          "cross-validation needs pairs from at least two folds, got "
              + folds.size()
              + " (View 2 uses pairs.txt, which has 10)");
    }
    if (folds.first() != 0 || folds.last() != folds.size() - 1) {
      throw new IllegalArgumentException(
          "fold numbers must run 0.." + (folds.size() - 1) + ", got " + folds);
    }
    List<FoldSplit> splits = new ArrayList<>();
    for (int fold : folds) {
      List<ScoredFacePair> calibration = new ArrayList<>();
      List<ScoredFacePair> test = new ArrayList<>();
      for (ScoredFacePair pair : pairs) {
        (pair.fold() == fold ? test : calibration).add(pair);
      }
      splits.add(new FoldSplit(fold, calibration, test));
    }
    return splits;
  }
}

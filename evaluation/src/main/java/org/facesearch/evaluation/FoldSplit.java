package org.facesearch.evaluation;

import java.util.List;

/**
 * One round of cross-validation: {@code test} is fold {@code fold}; {@code calibration} is every
 * other fold, the only pairs its threshold may be chosen on.
 */
public record FoldSplit(int fold, List<ScoredFacePair> calibration, List<ScoredFacePair> test) {
  public FoldSplit {
    calibration = List.copyOf(calibration);
    test = List.copyOf(test);
  }
}

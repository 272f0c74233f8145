package org.facesearch.evaluation;

import java.util.Objects;
import org.facesearch.data.protocol.FacePair;
import org.facesearch.model.verify.ScoredPair;

/** A protocol pair and its similarity under the model being evaluated. */
public record ScoredFacePair(FacePair pair, double score) {
  public ScoredFacePair {
    Objects.requireNonNull(pair, "pair");
  }

  /** The form the model module's threshold and ROC code takes. */
  public ScoredPair scored() {
    return new ScoredPair(score, pair.same());
  }

  public int fold() {
    return pair.fold();
  }
}

package org.facesearch.searcher;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.facesearch.data.detect.FaceBox;

/**
 * The answer to a look-alike search: where the face was in the query photo, and the most similar
 * people, best first. In an open-set search {@code threshold} is the score the first answer must
 * reach (where the build's look-alike calibration gives it even odds, or the verification
 * threshold), and the face is {@link #unknown()} when no one reaches it. {@code identification}
 * says how the results' probabilities were calibrated, or why they have none.
 */
public record LookAlikeResult(
    FaceBox face,
    List<LookAlike> results,
    OptionalDouble threshold,
    Identification identification) {
  public LookAlikeResult {
    results = List.copyOf(results);
    Objects.requireNonNull(identification, "identification");
  }

  /** Open-set only: nobody in the gallery is similar enough to be the same person. */
  public boolean unknown() {
    return threshold.isPresent()
        && (results.isEmpty() || results.getFirst().score() < threshold.getAsDouble());
  }

  /** Open-set only: the person the face is taken to be, or empty when {@link #unknown()}. */
  public Optional<String> match() {
    return threshold.isEmpty() || unknown()
        ? Optional.empty()
        : Optional.of(results.getFirst().identity());
  }
}

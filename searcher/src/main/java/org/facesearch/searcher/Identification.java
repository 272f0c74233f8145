package org.facesearch.searcher;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.facesearch.indexer.Build;
import org.facesearch.indexer.LookAlikeCalibration;
import org.facesearch.indexer.NoLookAlikeFit;

/**
 * How sure a look-alike search is of each person it lists: the serving build's {@link
 * LookAlikeCalibration} (1:N, the probability that the person at that rank is the query's person in
 * this gallery), when the build has a sound one. Without it ({@link #unavailable()} says why) a
 * look-alike has no identification probability; callers fall back to the model's 1:1 verification
 * probability and say so, as every search did before builds had one.
 */
public record Identification(
    Optional<LookAlikeCalibration> calibration, Optional<Unavailable> unavailable) {

  /** Why a build has no usable look-alike calibration, for a front end to say how to get one. */
  public enum Reason {
    /** The build was made before facesearch fitted them; a new build fits one. */
    BUILT_BEFORE_LOOK_ALIKES,
    /**
     * The build's gallery cannot fit one ({@link NoLookAlikeFit}); a new build would not either.
     */
    GALLERY_CANNOT_FIT,
    /** The build has one that fails its checks (damaged or edited). */
    UNUSABLE
  }

  /**
   * @param message what is missing and what the results show instead, one sentence in domain words
   *     (no fix: a front end adds its own for {@code reason})
   */
  public record Unavailable(Reason reason, String message) {
    public Unavailable {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(message, "message");
    }
  }

  /** The identification of the search answers {@code build} gives. */
  public static Identification of(Build build) {
    Optional<LookAlikeCalibration> stored = build.manifest().lookAlikeCalibration();
    if (stored.isEmpty()) {
      String why =
          build
              .manifest()
              .noLookAlikeFit()
              .map(cannot -> " has no look-alike calibration: " + cannot.description())
              .orElse(" was made before facesearch fitted look-alike calibrations");
      return new Identification(
          Optional.empty(),
          Optional.of(
              new Unavailable(
                  build.manifest().predatesLookAlikes()
                      ? Reason.BUILT_BEFORE_LOOK_ALIKES
                      : Reason.GALLERY_CANNOT_FIT,
                  "index build "
                      + build.name()
                      + why
                      + ", so its results have no look-alike probabilities (any probability shown"
                      + " is the model's 1:1 verification one, which overrates a face's nearest"
                      + " look-alikes)")));
    }
    Optional<String> problem = stored.get().problem();
    if (problem.isPresent()) {
      return new Identification(
          Optional.empty(),
          Optional.of(
              new Unavailable(
                  Reason.UNUSABLE,
                  "the look-alike calibration stored with index build "
                      + build.name()
                      + " cannot be used: "
                      + problem.get()
                      + "; any probability shown is the model's 1:1 verification one instead")));
    }
    return new Identification(stored, Optional.empty());
  }

  /**
   * The probability that the person at {@code rank} (from 1) with {@code score} is the query's
   * person; empty without a calibration.
   */
  public OptionalDouble probability(int rank, double score) {
    return calibration
        .map(c -> OptionalDouble.of(c.probability(rank, score)))
        .orElse(OptionalDouble.empty());
  }

  /**
   * The score at which the first answer is as likely right as wrong, for an open-set decision;
   * empty without a calibration (or one that does not rise with the score, or lands outside -1..1).
   */
  public OptionalDouble evenOddsScore() {
    return calibration
        .flatMap(LookAlikeCalibration::evenOddsScore)
        .filter(score -> score >= -1 && score <= 1)
        .map(OptionalDouble::of)
        .orElse(OptionalDouble.empty());
  }
}

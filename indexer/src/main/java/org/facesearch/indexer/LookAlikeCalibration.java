package org.facesearch.indexer;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import org.facesearch.data.face.Photo;
import org.facesearch.model.verify.Calibration;

/**
 * What a look-alike's score means in this gallery with this model: the probability that the person
 * at a given rank of a query's answer is the query's own person (1:N identification). A model's own
 * calibration answers another question, whether two random faces are the same person (1:1
 * verification, fitted on LFW's {@code pairsDevTrain}, half of them the same person); a query's
 * nearest other people are anything but random, so it calls most of them "surely the same person".
 * This one is fitted when the index is built, on leave-one-out searches of the gallery itself (see
 * {@link LookAlikeSearches}): each sampled image searches the rest of the gallery, and each person
 * in its answer is labelled right or wrong. Stored in the build's manifest with a SHA-256 of its
 * content, checked by {@link #problem()}.
 *
 * @param top how many people of each search were labelled (ranks 1..top)
 * @param byRank score to probability for rank 1, rank 2, ...; the last one also for every rank
 *     after it
 * @param queries leave-one-out searches fitted on
 * @param pairs labelled (search, person) results fitted on
 * @param heldOutQueries further searches kept out of the fit to measure it
 * @param heldOutPairs their labelled results
 * @param expectedCalibrationError on the held-out results: the mean gap between predicted and
 *     observed share of right answers, over {@link org.facesearch.model.verify.ReliabilityBin#BINS}
 *     bins of predicted probability
 * @param rankOneAccuracy on the held-out searches: the share whose first answer was the right
 *     person (a search for someone with no other photo in the gallery has no right answer)
 * @param seconds how long the searches and the fit took
 * @param sha256 of {@link #content()}: a damaged or edited fit is refused, never used
 */
public record LookAlikeCalibration(
    int top,
    List<Calibration> byRank,
    int queries,
    int pairs,
    int heldOutQueries,
    int heldOutPairs,
    double expectedCalibrationError,
    double rankOneAccuracy,
    double seconds,
    String sha256) {

  public LookAlikeCalibration {
    Objects.requireNonNull(byRank, "byRank");
    Objects.requireNonNull(sha256, "sha256");
    byRank = List.copyOf(byRank);
  }

  /** A new calibration to fill in by name; {@link Builder#build} computes its checksum. */
  static Builder builder() {
    return new Builder();
  }

  /**
   * A new calibration's values by name. Counts and measures not given are 0: a fit not yet measured
   * on held-out searches (enough for its {@link #probability}).
   */
  static final class Builder {
    private int top;
    private List<Calibration> byRank;
    private int queries;
    private int pairs;
    private int heldOutQueries;
    private int heldOutPairs;
    private double expectedCalibrationError;
    private double rankOneAccuracy;
    private double seconds;

    private Builder() {}

    Builder top(int top) {
      this.top = top;
      return this;
    }

    Builder byRank(List<Calibration> byRank) {
      this.byRank = byRank;
      return this;
    }

    Builder queries(int queries) {
      this.queries = queries;
      return this;
    }

    Builder pairs(int pairs) {
      this.pairs = pairs;
      return this;
    }

    Builder heldOutQueries(int heldOutQueries) {
      this.heldOutQueries = heldOutQueries;
      return this;
    }

    Builder heldOutPairs(int heldOutPairs) {
      this.heldOutPairs = heldOutPairs;
      return this;
    }

    Builder expectedCalibrationError(double expectedCalibrationError) {
      this.expectedCalibrationError = expectedCalibrationError;
      return this;
    }

    Builder rankOneAccuracy(double rankOneAccuracy) {
      this.rankOneAccuracy = rankOneAccuracy;
      return this;
    }

    Builder seconds(double seconds) {
      this.seconds = seconds;
      return this;
    }

    /** The calibration, signed with the SHA-256 of its {@link #content()}. */
    LookAlikeCalibration build() {
      Objects.requireNonNull(byRank, "byRank");
      return new LookAlikeCalibration(
          top,
          byRank,
          queries,
          pairs,
          heldOutQueries,
          heldOutPairs,
          expectedCalibrationError,
          rankOneAccuracy,
          seconds,
          digest());
    }

    /** The SHA-256 of {@link #content()}. */
    String digest() {
      return Photo.sha256(content().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Every value but the checksum, in a fixed text form ({@link Double#toString} round-trips):
     * what the checksum covers, here only, so a calibration read back is checked on the same text.
     */
    String content() {
      StringJoiner text = new StringJoiner("|");
      text.add("top=" + top);
      for (Calibration c : byRank) {
        text.add("slope=" + c.slope()).add("intercept=" + c.intercept());
      }
      text.add("queries=" + queries)
          .add("pairs=" + pairs)
          .add("heldOutQueries=" + heldOutQueries)
          .add("heldOutPairs=" + heldOutPairs)
          .add("ece=" + expectedCalibrationError)
          .add("rankOneAccuracy=" + rankOneAccuracy)
          .add("seconds=" + seconds);
      return text.toString();
    }
  }

  /**
   * The probability that the person at {@code rank} (from 1) of a query's answer, with {@code
   * score}, is the query's person.
   */
  public double probability(int rank, double score) {
    if (rank < 1) {
      throw new IllegalArgumentException("ranks count from 1, got " + rank);
    }
    return byRank.get(Math.min(rank, byRank.size()) - 1).probability(score);
  }

  /**
   * The score at which the first answer is as likely right as wrong: an open-set search calls the
   * face unknown below it. Empty for a fit whose probability does not rise with the score.
   */
  public Optional<Double> evenOddsScore() {
    return byRank.getFirst().evenOddsScore();
  }

  /**
   * Why this calibration must not be used, or empty when it is sound: what was read back does not
   * match its checksum, or it holds no fit.
   */
  public Optional<String> problem() {
    if (byRank.isEmpty() || top < 1 || queries < 1) {
      return Optional.of("it holds no fit");
    }
    if (!digest().equals(sha256)) {
      return Optional.of("it does not match its SHA-256 (damaged or edited)");
    }
    return Optional.empty();
  }

  /** Every value but the checksum, as {@link Builder#content} writes it. */
  String content() {
    return values().content();
  }

  private String digest() {
    return values().digest();
  }

  /** This calibration's values, to write and sign them as a new one is. */
  private Builder values() {
    return builder()
        .top(top)
        .byRank(byRank)
        .queries(queries)
        .pairs(pairs)
        .heldOutQueries(heldOutQueries)
        .heldOutPairs(heldOutPairs)
        .expectedCalibrationError(expectedCalibrationError)
        .rankOneAccuracy(rankOneAccuracy)
        .seconds(seconds);
  }
}

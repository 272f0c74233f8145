package org.facesearch.indexer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.stream.IntStream;
import org.facesearch.model.verify.Calibration;
import org.facesearch.model.verify.ReliabilityBin;
import org.facesearch.model.verify.ScoredPair;

/**
 * Fits a {@link LookAlikeCalibration} on leave-one-out searches of a finished build: a seeded
 * sample of at most {@value #MAX_QUERIES} gallery images each searches the gallery without itself
 * (without any image with the same bytes, as {@code --exclude-image} does) for its {@value #TOP}
 * nearest people, ranked as a query ranks them ({@link NearestPeople}); each person found is
 * labelled right (the image's own person) or wrong. Every {@value #HELD_OUT_EVERY}th search is kept
 * out of the fit and measures it. Searches for people with one photo have no right answer, as a
 * query for someone not in the gallery has none, so the fit includes them at the gallery's own
 * rate.
 */
public final class LookAlikeSearches {
  /** People labelled per search: as many as a query lists by default. */
  public static final int TOP = 5;

  /** Enough for a stable fit (tens of thousands of labelled results) at a fraction of a build. */
  public static final int MAX_QUERIES = 4000;

  /**
   * Rank 1 gets its own fit, every later rank shares one: a person below the first is right only
   * when the first is wrong, so a score means less there (measured: see README).
   */
  static final int RANK_FITS = 2;

  static final int HELD_OUT_EVERY = 4;
  private static final long SEED = 20261130L;

  /** A gallery image that searches the rest of the gallery. */
  public record Query(String identity, String sha256, float[] embedding) {}

  /** What the searches give: a calibration, or why the gallery cannot fit one. */
  public sealed interface Fit {
    record Fitted(LookAlikeCalibration calibration) implements Fit {}

    record NotFitted(NoLookAlikeFit why) implements Fit {}
  }

  /** One search's answer, each person labelled right or wrong. */
  record Answer(List<Neighbour> people, List<Boolean> right) {}

  private final List<Query> queries;

  private LookAlikeSearches(List<Query> queries) {
    this.queries = List.copyOf(queries);
  }

  /**
   * Which of a gallery's {@code images} images search: all of them, or a seeded sample of {@value
   * #MAX_QUERIES}, as sorted positions.
   */
  public static List<Integer> sample(int images) {
    List<Integer> positions = new ArrayList<>(images);
    for (int i = 0; i < images; i++) {
      positions.add(i);
    }
    if (images > MAX_QUERIES) {
      Collections.shuffle(positions, new Random(SEED));
      positions = new ArrayList<>(positions.subList(0, MAX_QUERIES));
      Collections.sort(positions);
    }
    return positions;
  }

  /** The searches of {@code queries}, each image chosen by {@link #sample}. */
  public static LookAlikeSearches of(List<Query> queries) {
    return new LookAlikeSearches(queries);
  }

  /**
   * Runs the searches with {@code nearest} (embedding and count to the nearest images, best first;
   * called from several threads at once) and fits the calibration, or says why the gallery cannot
   * fit one ({@link NoLookAlikeFit}).
   */
  public Fit fit(BiFunction<float[], Integer, List<Neighbour>> nearest) {
    long start = System.nanoTime();
    // The searches are independent and read-only: on every core at once (in order, so the fit is
    // the same as one by one). 4,000 of them took 3.0 s of a 44 s LFW build on one core.
    List<Answer> answers =
        IntStream.range(0, queries.size())
            .parallel()
            .mapToObj(i -> search(queries.get(i), nearest))
            .toList();
    List<Answer> fitted = new ArrayList<>();
    List<Answer> heldOut = new ArrayList<>();
    for (int i = 0; i < answers.size(); i++) {
      (i % HELD_OUT_EVERY == HELD_OUT_EVERY - 1 ? heldOut : fitted).add(answers.get(i));
    }
    return fit(fitted, heldOut, RANK_FITS, (System.nanoTime() - start) / 1e9);
  }

  /** {@code query}'s nearest {@value #TOP} other people, labelled. */
  static Answer search(Query query, BiFunction<float[], Integer, List<Neighbour>> nearest) {
    // One more than a query fetches, for the image itself (and any byte-identical copy).
    List<Neighbour> others =
        nearest.apply(query.embedding(), NearestPeople.candidates(TOP) + 1).stream()
            .filter(n -> !n.image().sha256().equals(query.sha256()))
            .toList();
    List<Neighbour> people = NearestPeople.of(others, TOP);
    return new Answer(
        people, people.stream().map(n -> n.image().identity().equals(query.identity())).toList());
  }

  /** Fits one calibration per rank (the last for every later rank); see {@link #RANK_FITS}. */
  static Fit fit(List<Answer> fitted, List<Answer> heldOut, int rankFits, double seconds) {
    List<List<ScoredPair>> byRank = new ArrayList<>();
    for (int r = 0; r < rankFits; r++) {
      byRank.add(new ArrayList<>());
    }
    for (Answer answer : fitted) {
      for (int r = 0; r < answer.people().size(); r++) {
        byRank
            .get(Math.min(r, rankFits - 1))
            .add(new ScoredPair(answer.people().get(r).score(), answer.right().get(r)));
      }
    }
    List<Calibration> calibrations = new ArrayList<>();
    for (List<ScoredPair> pairs : byRank) {
      if (!pairs.stream().anyMatch(ScoredPair::same) || pairs.stream().allMatch(ScoredPair::same)) {
        // Fall back to the ranks before it (rank 1 alone has no fallback).
        if (calibrations.isEmpty()) {
          return new Fit.NotFitted(NoLookAlikeFit.ONE_KIND_OF_ANSWER);
        }
        break;
      }
      calibrations.add(Calibration.fit(pairs));
    }
    int pairs = byRank.stream().mapToInt(List::size).sum();
    LookAlikeCalibration.Builder fit =
        LookAlikeCalibration.builder()
            .top(TOP)
            .byRank(calibrations)
            .queries(fitted.size())
            .pairs(pairs)
            .seconds(seconds);
    LookAlikeCalibration unmeasured = fit.build();
    List<Double> predicted = new ArrayList<>();
    List<Boolean> right = new ArrayList<>();
    int firstRight = 0;
    for (Answer answer : heldOut) {
      for (int r = 0; r < answer.people().size(); r++) {
        predicted.add(unmeasured.probability(r + 1, answer.people().get(r).score()));
        right.add(answer.right().get(r));
      }
      firstRight += !answer.right().isEmpty() && answer.right().getFirst() ? 1 : 0;
    }
    if (predicted.isEmpty()) {
      // Too small a gallery to measure, so to trust, a fit.
      return new Fit.NotFitted(NoLookAlikeFit.TOO_FEW_SEARCHES);
    }
    return new Fit.Fitted(
        fit.heldOutQueries(heldOut.size())
            .heldOutPairs(predicted.size())
            .expectedCalibrationError(expectedError(predicted, right))
            .rankOneAccuracy(firstRight / (double) heldOut.size())
            .build());
  }

  static double expectedError(List<Double> predicted, List<Boolean> right) {
    double[] p = new double[predicted.size()];
    boolean[] same = new boolean[right.size()];
    for (int i = 0; i < p.length; i++) {
      p[i] = predicted.get(i);
      same[i] = right.get(i);
    }
    return ReliabilityBin.expectedError(ReliabilityBin.of(p, same));
  }
}

package org.facesearch.data.split;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.facesearch.data.LfwDataset;

/**
 * The seed projects' protocol: the people with at least {@code minFaces} photos, each person's
 * photos split {@link Splits#stratified stratified} into train and test. Training on it and
 * evaluating on it must use the same values, or test photos would be trained on; this one record is
 * what both read, and its {@link #id} is how a model bundle records which split it trained on.
 *
 * @param minFaces people with at least this many photos (50: 12 people, 1,560 photos)
 * @param testFraction share of each person's photos held out as test
 * @param seed seeds each person's shuffle
 */
public record SeedSubset(int minFaces, double testFraction, long seed) {
  /** The seeds' values, and {@code facesearch evaluate}'s defaults: 50 faces, 20% test, seed 42. */
  public static final SeedSubset DEFAULT = new SeedSubset(50, Splits.DEFAULT_TEST_FRACTION, 42);

  private static final Pattern ID =
      Pattern.compile("seed-subset:min-faces=(\\d+),test-fraction=([0-9.]+),seed=(-?\\d+)");

  public SeedSubset {
    if (minFaces < 2) {
      throw new IllegalArgumentException(
          "the seed subset needs at least 2 faces per person, got " + minFaces);
    }
    if (!(testFraction > 0 && testFraction < 1)) {
      throw new IllegalArgumentException(
          "the seed subset's test fraction must be between 0 and 1, got " + testFraction);
    }
  }

  /** The train and test photos of {@code lfw}'s people with {@link #minFaces} or more photos. */
  public Split split(LfwDataset lfw) {
    return Splits.stratified(lfw.subset(minFaces), testFraction, seed);
  }

  /** {@code seed-subset:min-faces=50,test-fraction=0.2,seed=42}: how a bundle records it. */
  public String id() {
    return String.format(
        Locale.ROOT,
        "seed-subset:min-faces=%d,test-fraction=%s,seed=%d",
        minFaces,
        testFraction,
        seed);
  }

  /** The subset an {@link #id} names; empty for anything else (e.g. a people file's name). */
  public static Optional<SeedSubset> parse(String id) {
    Matcher m = ID.matcher(id);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(
        new SeedSubset(
            Integer.parseInt(m.group(1)),
            Double.parseDouble(m.group(2)),
            Long.parseLong(m.group(3))));
  }
}

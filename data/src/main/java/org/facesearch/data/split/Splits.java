package org.facesearch.data.split;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.facesearch.data.FaceImage;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.protocol.PeopleFile;

/** The two ways facesearch divides LFW into training and test photos. */
public final class Splits {
  /** The usual 80/20 split. */
  public static final double DEFAULT_TEST_FRACTION = 0.2;

  private Splits() {}

  /**
   * Per person, a seeded random {@code testFraction} of their photos (rounded, at least one) go to
   * test and the rest (at least one) to train, so every person is in both parts: what a classifier
   * over known people needs. Each person's split depends only on the seed and their name, so a
   * person splits the same way in every subset.
   *
   * @throws IllegalArgumentException if someone has a single photo (use {@code subset(2)} or more)
   */
  public static Split stratified(LfwDataset dataset, double testFraction, long seed) {
    if (!(testFraction > 0 && testFraction < 1)) {
      throw new IllegalArgumentException(
          "the test fraction must be between 0 and 1, got " + testFraction);
    }
    List<FaceImage> train = new ArrayList<>();
    List<FaceImage> test = new ArrayList<>();
    for (String identity : dataset.identities()) {
      List<FaceImage> own = new ArrayList<>(dataset.imagesOf(identity));
      int n = own.size();
      if (n < 2) {
        throw new IllegalArgumentException(
            identity
                + " has a single photo, so cannot be in both train and test;"
                + " split a subset with at least 2 faces per person");
      }
      shuffle(own, new SplittableRandom(seed ^ (identity.hashCode() * 0x9E3779B97F4A7C15L)));
      int testCount = (int) Math.max(1, Math.min(n - 1, Math.round(n * testFraction)));
      test.addAll(own.subList(0, testCount));
      train.addAll(own.subList(testCount, n));
    }
    Comparator<FaceImage> datasetOrder =
        Comparator.comparing(FaceImage::identity).thenComparingInt(FaceImage::number);
    train.sort(datasetOrder);
    test.sort(datasetOrder);
    return new Split(train, test);
  }

  /**
   * All photos of {@code trainPeople} against all photos of {@code testPeople}: no one is in both,
   * which is what verification of unseen people needs. People not in {@code dataset} (for a subset,
   * those with too few photos) are left out.
   *
   * @throws IllegalArgumentException if the lists share a person or a part would be empty
   */
  public static Split identityDisjoint(
      LfwDataset dataset, Collection<String> trainPeople, Collection<String> testPeople) {
    Set<String> shared = new HashSet<>(trainPeople);
    shared.retainAll(new HashSet<>(testPeople));
    if (!shared.isEmpty()) {
      throw new IllegalArgumentException(
          shared.size()
              + " people are in both the train and the test list, e.g. "
              + shared.iterator().next());
    }
    List<String> train = trainPeople.stream().filter(dataset::contains).toList();
    List<String> test = testPeople.stream().filter(dataset::contains).toList();
    if (train.isEmpty() || test.isEmpty()) {
      throw new IllegalArgumentException(
          "the identity-disjoint split of "
              + dataset
              + " would leave "
              + (train.isEmpty() ? "train" : "test")
              + " empty");
    }
    return new Split(dataset.withIdentities(train).images(), dataset.withIdentities(test).images());
  }

  /**
   * {@link #identityDisjoint} by LFW's {@code peopleDevTrain.txt} and {@code peopleDevTest.txt}.
   */
  public static Split devPeople(LfwDataset dataset) {
    return identityDisjoint(
        dataset,
        PeopleFile.read(dataset.protocolFile("peopleDevTrain.txt")).names(),
        PeopleFile.read(dataset.protocolFile("peopleDevTest.txt")).names());
  }

  private static void shuffle(List<FaceImage> list, SplittableRandom random) {
    for (int i = list.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      list.set(j, list.set(i, list.get(j)));
    }
  }
}

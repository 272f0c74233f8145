package org.facesearch.data.protocol;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.facesearch.data.LfwDataset;

/**
 * The people of LFW's development view (View 1) a model may learn from without seeing its test:
 * everyone in {@value #TRAIN}, and those of {@value #TEST} whom no {@value #TEST_PAIRS} pair shows.
 *
 * <p>Why the second group: {@value #TEST} lists the people View 1's test pairs are drawn from, but
 * 748 of its 1,711 people (967 photos) are in no test pair. View 1 measures only its pairs, so
 * those photos are about 11% more faces to learn from (a distilled student is short of faces) while
 * every person View 1 tests stays unseen. View 2 ({@code pairs.txt}) mixes all of LFW's people, so
 * it is not clean either way; evaluations count the overlap.
 */
public final class DevelopmentPeople {
  public static final String TRAIN = "peopleDevTrain.txt";
  public static final String TEST = "peopleDevTest.txt";
  public static final String TEST_PAIRS = "pairsDevTest.txt";

  /**
   * What a model trained on {@value #TRAIN}'s people and {@link #untested} records as its people
   * source (beside the people files' own names, which the other choices record).
   */
  public static final String TRAIN_AND_UNTESTED = TRAIN + "+untested-" + TEST;

  private DevelopmentPeople() {}

  /**
   * {@value #TEST}'s people whom no {@value #TEST_PAIRS} pair shows, in name order.
   *
   * @throws org.facesearch.data.DataNotFoundException if a protocol file is not beside the images
   * @throws ProtocolFormatException naming the file and line that break its format
   */
  public static List<String> untested(LfwDataset dataset) {
    Set<String> tested = new TreeSet<>();
    for (FacePair pair : PairsFile.read(dataset.protocolFile(TEST_PAIRS)).pairs()) {
      tested.add(pair.a().identity());
      tested.add(pair.b().identity());
    }
    Set<String> untested = new TreeSet<>(PeopleFile.read(dataset.protocolFile(TEST)).names());
    untested.removeAll(tested);
    return List.copyOf(untested);
  }

  /**
   * Everyone a model trained with source {@code recorded} may have seen, when {@code recorded} is
   * {@link #TRAIN_AND_UNTESTED}: {@value #TRAIN}'s people and {@link #untested}'s; empty for any
   * other source.
   */
  public static Optional<Set<String>> seenBy(String recorded, LfwDataset dataset) {
    if (!TRAIN_AND_UNTESTED.equals(recorded)) {
      return Optional.empty();
    }
    Set<String> seen = new TreeSet<>(PeopleFile.read(dataset.protocolFile(TRAIN)).names());
    seen.addAll(untested(dataset));
    return Optional.of(Set.copyOf(seen));
  }
}

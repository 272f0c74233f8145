package org.facesearch.data.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.testing.LfwTestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DevelopmentPeopleTest {
  private static LfwDataset lfw;
  private static Set<String> tested;
  private static List<String> devTest;

  @BeforeAll
  static void open() {
    lfw = LfwDataset.open(LfwTestData.root());
    tested = new TreeSet<>();
    for (FacePair pair : PairsFile.read(lfw.protocolFile("pairsDevTest.txt")).pairs()) {
      tested.add(pair.a().identity());
      tested.add(pair.b().identity());
    }
    devTest = PeopleFile.read(lfw.protocolFile("peopleDevTest.txt")).names();
  }

  @Test
  void theUntestedPeopleArePeopleDevTestsOwnWhomNoTestPairShows() {
    List<String> untested = DevelopmentPeople.untested(lfw);
    assertFalse(untested.isEmpty());
    assertEquals(new TreeSet<>(untested).stream().toList(), untested, "in name order, once each");
    assertTrue(devTest.containsAll(untested));
    assertTrue(untested.stream().noneMatch(tested::contains), "a tested person among them");
    // Together with the tested people they are the whole of peopleDevTest: none is left out.
    Set<String> union = new TreeSet<>(untested);
    union.addAll(tested);
    assertEquals(new TreeSet<>(devTest), union);
  }

  @Test
  void theUntestedPeoplesPhotosAreTheOnesThePeopleFileCounts() {
    List<String> untested = DevelopmentPeople.untested(lfw);
    Map<String, Integer> listed = new HashMap<>();
    for (Person p : PeopleFile.read(lfw.protocolFile("peopleDevTest.txt")).folds().getFirst()) {
      listed.put(p.name(), p.images());
    }
    int counted = untested.stream().mapToInt(listed::get).sum();
    assertEquals(counted, lfw.withIdentities(untested).images().size());
    // More photos for a student, but a minority beside peopleDevTrain's.
    int devTrainPhotos =
        lfw.withIdentities(PeopleFile.read(lfw.protocolFile("peopleDevTrain.txt")).names())
            .images()
            .size();
    assertTrue(counted > 0 && counted < devTrainPhotos / 4, counted + " of " + devTrainPhotos);
  }

  @Test
  void aModelTrainedWithTheUntestedPeopleHasSeenNoneOfView1sPeople() {
    Set<String> seen =
        DevelopmentPeople.seenBy(DevelopmentPeople.TRAIN_AND_UNTESTED, lfw).orElseThrow();
    assertTrue(seen.containsAll(PeopleFile.read(lfw.protocolFile("peopleDevTrain.txt")).names()));
    assertTrue(seen.containsAll(DevelopmentPeople.untested(lfw)));
    assertTrue(seen.stream().noneMatch(tested::contains));
    assertEquals(Optional.empty(), DevelopmentPeople.seenBy("peopleDevTrain.txt", lfw));
  }
}

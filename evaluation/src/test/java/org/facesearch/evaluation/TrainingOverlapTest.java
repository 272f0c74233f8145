package org.facesearch.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.facesearch.data.protocol.FacePair;
import org.facesearch.data.protocol.ImageRef;
import org.facesearch.data.protocol.PairsFile;
import org.facesearch.data.protocol.PeopleFile;
import org.facesearch.data.testing.LfwTestData;
import org.junit.jupiter.api.Test;

class TrainingOverlapTest {

  @Test
  void countsPeopleAndPairsSeenInTraining() {
    List<FacePair> pairs =
        List.of(
            new FacePair(new ImageRef("Ann", 1), new ImageRef("Ann", 2), true, 0),
            new FacePair(new ImageRef("Bob", 1), new ImageRef("Cid", 1), false, 0),
            new FacePair(new ImageRef("Dan", 1), new ImageRef("Eve", 1), false, 0));
    TrainingOverlap overlap = TrainingOverlap.of(pairs, Set.of("Ann", "Cid", "Zed"));
    assertEquals(new TrainingOverlap(5, 2, 3, 2), overlap);
    assertFalse(overlap.clean());
    assertTrue(TrainingOverlap.of(pairs, Set.of()).clean());
  }

  @Test
  void aModelTrainedOnPeopleDevTrainHasSeenPartOfPairsTxtButNoneOfPairsDevTest() {
    Set<String> devTrain =
        new HashSet<>(PeopleFile.read(LfwTestData.root().resolve("peopleDevTrain.txt")).names());
    List<FacePair> tenFold = PairsFile.read(LfwTestData.root().resolve("pairs.txt")).pairs();
    List<FacePair> devTest = PairsFile.read(LfwTestData.root().resolve("pairsDevTest.txt")).pairs();

    Set<String> people = new HashSet<>();
    Set<String> seen = new HashSet<>();
    int pairsWithSeen = 0;
    for (FacePair p : tenFold) {
      for (String name : List.of(p.a().identity(), p.b().identity())) {
        people.add(name);
        if (devTrain.contains(name)) {
          seen.add(name);
        }
      }
      if (devTrain.contains(p.a().identity()) || devTrain.contains(p.b().identity())) {
        pairsWithSeen++;
      }
    }
    TrainingOverlap overlap = TrainingOverlap.of(tenFold, devTrain);
    assertEquals(new TrainingOverlap(people.size(), seen.size(), 6000, pairsWithSeen), overlap);
    assertTrue(overlap.seenPeople() > 0, "pairs.txt shares people with peopleDevTrain");
    // The development split is by people: View 1's test pairs show nobody from peopleDevTrain.
    assertTrue(TrainingOverlap.of(devTest, devTrain).clean());
  }
}

package org.facesearch.trainer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.protocol.DevelopmentPeople;
import org.facesearch.data.protocol.FacePair;
import org.facesearch.data.protocol.PairsFile;
import org.facesearch.data.protocol.PeopleFile;
import org.facesearch.data.testing.LfwTestData;
import org.facesearch.trainer.TrainingPeople;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TrainingPeopleSplitTest {
  private static LfwDataset lfw;

  @BeforeAll
  static void open() {
    lfw = LfwDataset.open(LfwTestData.root());
  }

  @Test
  void theUntestedPeopleAreTrainedOnBesideTheSameValidationPeople() {
    TrainingData.PeopleSplit dev =
        TrainingData.peopleOf(lfw, TrainingPeople.DEV_TRAIN, Optional.empty(), 0.1, 3);
    TrainingData.PeopleSplit more =
        TrainingData.peopleOf(lfw, TrainingPeople.DEV_TRAIN_AND_UNTESTED, Optional.empty(), 0.1, 3);
    // The same people held out, so that runs of either compare and continue each other.
    assertEquals(dev.validation(), more.validation());
    Set<String> expected = new TreeSet<>(dev.train());
    expected.addAll(DevelopmentPeople.untested(lfw));
    assertEquals(List.copyOf(expected), more.train());
    assertTrue(more.train().size() > dev.train().size());
    // The peopleDevTrain split is the one every earlier run drew with this seed.
    List<String> devTrain = PeopleFile.read(lfw.protocolFile(TrainingData.TRAIN_PEOPLE)).names();
    assertEquals(TrainingData.trainPeopleOf(devTrain, 0.1, 3), dev.train());
  }

  @Test
  void noPersonOfView1sTestPairsIsTrainedOnOrValidatedOn() {
    TrainingData.PeopleSplit more =
        TrainingData.peopleOf(lfw, TrainingPeople.DEV_TRAIN_AND_UNTESTED, Optional.empty(), 0.1, 3);
    for (FacePair pair : PairsFile.read(lfw.protocolFile(TrainingData.TEST_PAIRS)).pairs()) {
      for (String person : List.of(pair.a().identity(), pair.b().identity())) {
        assertTrue(
            !more.train().contains(person) && !more.validation().contains(person),
            person + " is in " + TrainingData.TEST_PAIRS);
      }
    }
  }

  @Test
  void aListOfPeopleIsRefusedWithTheUntestedPeopleAndTheSeedSubsetHasNoPeopleSplit() {
    IllegalArgumentException list =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                TrainingData.peopleOf(
                    lfw,
                    TrainingPeople.DEV_TRAIN_AND_UNTESTED,
                    Optional.of(List.of("Aaron_Eckhart", "Aaron_Guiel")),
                    0.1,
                    3));
    assertEquals(
        "a list of training people is for peopleDevTrain runs; dev-train-and-untested trains on"
            + " all of its people",
        list.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> TrainingData.peopleOf(lfw, TrainingPeople.SEED, Optional.empty(), 0.1, 3));
  }
}

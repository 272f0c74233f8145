package org.facesearch.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.protocol.DevelopmentPeople;
import org.facesearch.data.protocol.FacePair;
import org.facesearch.data.protocol.PairsFile;
import org.facesearch.data.protocol.PeopleFile;
import org.facesearch.data.testing.LfwTestData;
import org.facesearch.model.arch.Architecture;
import org.facesearch.model.bundle.BundleMetadata;
import org.facesearch.model.bundle.ModelSpec;
import org.facesearch.model.bundle.Objective;
import org.facesearch.model.bundle.TrainingRecord;
import org.junit.jupiter.api.Test;

class TrainingIdentitiesTest {
  private final LfwDataset lfw = LfwDataset.open(LfwTestData.root());

  private static BundleMetadata bundleWith(Map<String, Object> hyperparameters) {
    TrainingRecord training =
        new TrainingRecord(
            hyperparameters, "cpu", "none", 0, 0, Map.of(), 0, Instant.EPOCH, "test");
    return new BundleMetadata(
        ModelSpec.standard(Objective.TRIPLET, Architecture.RESNET18), training, "0".repeat(64));
  }

  @Test
  void theRecordedPeopleFileNamesTheTrainingIdentities() {
    Set<String> expected =
        new HashSet<>(PeopleFile.read(LfwTestData.root().resolve("peopleDevTrain.txt")).names());
    assertEquals(4038, expected.size());
    assertEquals(
        Optional.of(expected),
        TrainingIdentities.of(
            bundleWith(Map.of(TrainingIdentities.SOURCE, "peopleDevTrain.txt")), lfw));
  }

  @Test
  void aModelThatAlsoLearntPeopleDevTestsUntestedPeopleIsStillCleanOnView1() {
    Set<String> seen =
        TrainingIdentities.of(
                bundleWith(Map.of(TrainingIdentities.SOURCE, DevelopmentPeople.TRAIN_AND_UNTESTED)),
                lfw)
            .orElseThrow();
    Set<String> devTrain =
        new HashSet<>(PeopleFile.read(LfwTestData.root().resolve("peopleDevTrain.txt")).names());
    assertEquals(devTrain.size() + DevelopmentPeople.untested(lfw).size(), seen.size());
    assertTrue(seen.containsAll(devTrain));
    List<FacePair> view1 = PairsFile.read(lfw.protocolFile("pairsDevTest.txt")).pairs();
    assertTrue(TrainingOverlap.of(view1, seen).clean());
    // View 2 mixes everyone: more of its people seen than by a peopleDevTrain model.
    List<FacePair> view2 = PairsFile.read(lfw.protocolFile("pairs.txt")).pairs();
    assertTrue(
        TrainingOverlap.of(view2, seen).seenPeople()
            > TrainingOverlap.of(view2, devTrain).seenPeople());
  }

  @Test
  void aBundleThatDoesNotSayIsUnknownNotClean() {
    assertEquals(
        Optional.empty(), TrainingIdentities.of(bundleWith(Map.of("learningRate", 0.001)), lfw));
  }
}

package org.facesearch.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.facesearch.data.LfwDataset;
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
  void aBundleThatDoesNotSayIsUnknownNotClean() {
    assertEquals(
        Optional.empty(), TrainingIdentities.of(bundleWith(Map.of("learningRate", 0.001)), lfw));
  }
}

package org.facesearch.evaluation;

import java.util.Optional;
import java.util.Set;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.protocol.DevelopmentPeople;
import org.facesearch.data.protocol.PeopleFile;
import org.facesearch.data.split.SeedSubset;
import org.facesearch.model.bundle.BundleMetadata;
import org.facesearch.model.bundle.TrainingRecord;

/**
 * Which people a trained model has seen, from its bundle. Training records the people file it drew
 * its identities from (hyperparameter {@value #SOURCE}, e.g. {@code peopleDevTrain.txt}); everyone
 * in that file counts as seen, since people held out for validation still steered the training. A
 * model trained on the seed subset ({@link SeedSubset#id}) has seen every one of its people; one
 * trained on {@link DevelopmentPeople#TRAIN_AND_UNTESTED}, peopleDevTrain's and the untested people
 * of peopleDevTest.
 */
public final class TrainingIdentities {
  /** The hyperparameter naming the LFW people file the training identities came from. */
  public static final String SOURCE = "trainingPeopleSource";

  private TrainingIdentities() {}

  /**
   * The people named by the bundle's {@value #SOURCE} in {@code lfw}'s copy of that file; empty
   * when the bundle does not record it.
   *
   * @throws org.facesearch.data.DataNotFoundException if the file is not beside the LFW images
   */
  public static Optional<Set<String>> of(BundleMetadata bundle, LfwDataset lfw) {
    return of(bundle.training(), lfw);
  }

  /** {@link #of(BundleMetadata, LfwDataset)} for any model's training record. */
  public static Optional<Set<String>> of(TrainingRecord training, LfwDataset lfw) {
    Object source = training.hyperparameters().get(SOURCE);
    if (!(source instanceof String file) || file.isBlank()) {
      return Optional.empty();
    }
    Optional<Set<String>> withUntested = DevelopmentPeople.seenBy(file, lfw);
    if (withUntested.isPresent()) {
      return withUntested;
    }
    Optional<SeedSubset> seedSubset = SeedSubset.parse(file);
    if (seedSubset.isPresent()) {
      return Optional.of(Set.copyOf(lfw.subset(seedSubset.get().minFaces()).identities()));
    }
    return Optional.of(Set.copyOf(PeopleFile.read(lfw.protocolFile(file)).names()));
  }

  /**
   * The seed subset whose train photos the bundle trained on; empty when it trained on a people
   * file (or does not say).
   */
  public static Optional<SeedSubset> seedSubset(BundleMetadata bundle) {
    return bundle.training().hyperparameters().get(SOURCE) instanceof String file
        ? SeedSubset.parse(file)
        : Optional.empty();
  }
}

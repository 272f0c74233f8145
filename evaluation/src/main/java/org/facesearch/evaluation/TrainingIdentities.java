package org.facesearch.evaluation;

import java.util.Optional;
import java.util.Set;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.protocol.PeopleFile;
import org.facesearch.model.bundle.BundleMetadata;

/**
 * Which people a trained model has seen, from its bundle. Training records the people file it drew
 * its identities from (hyperparameter {@value #SOURCE}, e.g. {@code peopleDevTrain.txt}); everyone
 * in that file counts as seen, since people held out for validation still steered the training.
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
    Object source = bundle.training().hyperparameters().get(SOURCE);
    if (!(source instanceof String file) || file.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(Set.copyOf(PeopleFile.read(lfw.protocolFile(file)).names()));
  }
}

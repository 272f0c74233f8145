package org.facesearch.trainer.objective;

import org.facesearch.model.arch.FaceNetwork;
import org.facesearch.model.bundle.ModelSpec;
import org.facesearch.trainer.TrainConfig;
import org.facesearch.trainer.data.TrainingData;

/** Picks the trainer class of a config's objective. */
public final class ObjectiveTrainers {
  private ObjectiveTrainers() {}

  public static ObjectiveTrainer create(
      TrainConfig config, TrainingData data, ModelSpec spec, FaceNetwork network) {
    return switch (config.objective()) {
      case TRIPLET -> new TripletTrainer(config, data, spec, network);
      case NT_XENT -> new NtXentTrainer(config, data, spec, network);
      case CONTRASTIVE -> new ContrastiveTrainer(config, data, spec, network);
      case BCE -> new BceTrainer(config, data, spec, network);
    };
  }
}

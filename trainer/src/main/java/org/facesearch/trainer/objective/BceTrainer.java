package org.facesearch.trainer.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import org.facesearch.model.arch.FaceNetwork;
import org.facesearch.model.bundle.ModelSpec;
import org.facesearch.trainer.TrainConfig;
import org.facesearch.trainer.data.TrainingData;
import org.facesearch.trainer.loss.BinaryCrossEntropy;

/** The pair classifier: CNN19 features of both images, concatenated, to a same-person logit. */
public final class BceTrainer extends PairTrainer {
  private final BinaryCrossEntropy loss = new BinaryCrossEntropy();

  public BceTrainer(TrainConfig config, TrainingData data, ModelSpec spec, FaceNetwork network) {
    super(config, data, spec, network);
  }

  @Override
  NDArray pairLoss(
      ParameterStore store, NDArray first, NDArray second, NDArray same, boolean training) {
    return loss.evaluate(network.pairLogits(store, first, second, training), same);
  }
}

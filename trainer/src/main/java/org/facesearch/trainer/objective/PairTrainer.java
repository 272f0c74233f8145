package org.facesearch.trainer.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.facesearch.data.sample.IndexPair;
import org.facesearch.model.arch.FaceNetwork;
import org.facesearch.model.bundle.ModelSpec;
import org.facesearch.trainer.PairSource;
import org.facesearch.trainer.TrainConfig;
import org.facesearch.trainer.data.PairBatches;
import org.facesearch.trainer.data.StepSeeds;
import org.facesearch.trainer.data.TrainingData;

/**
 * The Siamese objectives: both images of each pair go through the shared backbone in one forward
 * pass (firsts then seconds), and a pair loss compares the two feature batches.
 */
abstract class PairTrainer extends ObjectiveTrainer {
  /** Null for batch-all, whose subclass draws P x K batches instead of listed pairs. */
  private final PairBatches batches;

  PairTrainer(TrainConfig config, TrainingData data, ModelSpec spec, FaceNetwork network) {
    super(config, data, spec, network);
    this.batches =
        config.pairs() == PairSource.BATCH_ALL ? null : new PairBatches(data, config.pairs());
  }

  /** The loss of features of the pairs' first and second images, same = 1/0 per pair. */
  abstract NDArray pairLoss(
      ParameterStore store, NDArray first, NDArray second, NDArray same, boolean training);

  @Override
  public int imagesPerStep() {
    return 2 * config.batch();
  }

  @Override
  public NDArray trainingLoss(ParameterStore store, NDManager scope, long step) {
    long seed = StepSeeds.of(config.seed(), step);
    return loss(store, scope, batches.next(config.batch(), seed), StepSeeds.of(seed, 2), true);
  }

  @Override
  public float validationLoss(ParameterStore store, NDManager scope) {
    List<IndexPair> pairs = data.validationPairs();
    return loss(store, scope, pairs.subList(0, Math.min(pairs.size(), config.batch())), 0, false)
        .getFloat();
  }

  private NDArray loss(
      ParameterStore store, NDManager scope, List<IndexPair> pairs, long seed, boolean training) {
    int n = pairs.size();
    int[] indices = new int[2 * n];
    float[] same = new float[n];
    for (int i = 0; i < n; i++) {
      indices[i] = pairs.get(i).a();
      indices[n + i] = pairs.get(i).b();
      same[i] = pairs.get(i).label();
    }
    NDArray images = training ? trainingImages(scope, indices, seed) : images(scope, indices);
    NDArray features = network.features(store, images, training);
    NDList halves = features.split(2);
    return pairLoss(store, halves.get(0), halves.get(1), scope.create(same), training);
  }
}

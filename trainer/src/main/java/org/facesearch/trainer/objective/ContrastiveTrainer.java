package org.facesearch.trainer.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.SplittableRandom;
import org.facesearch.model.arch.FaceNetwork;
import org.facesearch.model.arch.L2Norm;
import org.facesearch.model.bundle.ModelSpec;
import org.facesearch.trainer.PairSource;
import org.facesearch.trainer.TrainConfig;
import org.facesearch.trainer.data.LabelledBatch;
import org.facesearch.trainer.data.PkSampler;
import org.facesearch.trainer.data.StepSeeds;
import org.facesearch.trainer.data.TrainingData;
import org.facesearch.trainer.loss.ContrastiveLoss;

/**
 * The Siamese net under the contrastive loss, on listed pairs or "batch-all" over every pair of a P
 * x K batch. Features are L2-normalised before the loss, as they are for search, so distances lie
 * in [0, 2] and the margin means the same in training and at search time.
 */
public final class ContrastiveTrainer extends PairTrainer {
  private static final long VALIDATION_STREAM = -3;

  private final ContrastiveLoss loss;
  private final PkSampler pk;
  private final PkSampler validationPk;

  public ContrastiveTrainer(
      TrainConfig config, TrainingData data, ModelSpec spec, FaceNetwork network) {
    super(config, data, spec, network);
    this.loss = new ContrastiveLoss(config.margin());
    boolean all = config.pairs() == PairSource.BATCH_ALL;
    this.pk = all ? new PkSampler(data.crops(), data.train()) : null;
    this.validationPk = all ? new PkSampler(data.crops(), data.validation()) : null;
  }

  @Override
  public int imagesPerStep() {
    return pk != null ? config.batch() : super.imagesPerStep();
  }

  @Override
  public NDArray trainingLoss(ParameterStore store, NDManager scope, long step) {
    if (pk == null) {
      return super.trainingLoss(store, scope, step);
    }
    return batchAll(store, scope, pk, config.batch(), StepSeeds.of(config.seed(), step), true);
  }

  @Override
  public float validationLoss(ParameterStore store, NDManager scope) {
    if (validationPk == null) {
      return super.validationLoss(store, scope);
    }
    int size = Math.min(config.batch(), validationPk.capacity(config.imagesPerPerson()));
    return batchAll(
            store, scope, validationPk, size, StepSeeds.of(config.seed(), VALIDATION_STREAM), false)
        .getFloat();
  }

  @Override
  NDArray pairLoss(
      ParameterStore store, NDArray first, NDArray second, NDArray same, boolean training) {
    return loss.evaluate(L2Norm.rows(first), L2Norm.rows(second), same);
  }

  private NDArray batchAll(
      ParameterStore store,
      NDManager scope,
      PkSampler sampler,
      int size,
      long seed,
      boolean training) {
    LabelledBatch batch = sampler.next(size, config.imagesPerPerson(), new SplittableRandom(seed));
    NDArray images =
        training ? trainingImages(scope, batch.indices(), seed) : images(scope, batch.indices());
    NDArray features = network.features(store, images, training);
    return loss.evaluateAllPairs(L2Norm.rows(features), scope.create(batch.labels()));
  }
}

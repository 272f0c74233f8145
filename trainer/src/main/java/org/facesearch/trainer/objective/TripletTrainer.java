package org.facesearch.trainer.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.SplittableRandom;
import org.facesearch.data.sample.Triplet;
import org.facesearch.data.sample.TripletSampler;
import org.facesearch.model.arch.FaceNetwork;
import org.facesearch.model.bundle.ModelSpec;
import org.facesearch.trainer.Mining;
import org.facesearch.trainer.TrainConfig;
import org.facesearch.trainer.data.LabelledBatch;
import org.facesearch.trainer.data.PkSampler;
import org.facesearch.trainer.data.StepSeeds;
import org.facesearch.trainer.data.TrainingData;
import org.facesearch.trainer.loss.TripletLoss;

/**
 * TriNet: ResNet-18 with the TriNet head under the triplet loss, with random triplets (anchors,
 * positives and negatives stacked into one forward pass) or batch-hard mining over P x K batches.
 */
public final class TripletTrainer extends ObjectiveTrainer {
  private static final long VALIDATION_STREAM = -3;

  private final TripletLoss loss;
  private final PkSampler pk;
  private final PkSampler validationPk;

  public TripletTrainer(
      TrainConfig config, TrainingData data, ModelSpec spec, FaceNetwork network) {
    super(config, data, spec, network);
    this.loss = new TripletLoss(config.margin(), config.temperature());
    boolean hard = config.mining() == Mining.BATCH_HARD;
    this.pk = hard ? new PkSampler(data.crops(), data.train()) : null;
    this.validationPk = hard ? new PkSampler(data.crops(), data.validation()) : null;
  }

  @Override
  public int imagesPerStep() {
    return config.mining() == Mining.BATCH_HARD ? config.batch() : 3 * config.batch();
  }

  @Override
  public NDArray trainingLoss(ParameterStore store, NDManager scope, long step) {
    long seed = StepSeeds.of(config.seed(), step);
    return config.mining() == Mining.BATCH_HARD
        ? batchHard(store, scope, pk, config.batch(), seed, true)
        : random(store, scope, data.train(), seed, true);
  }

  @Override
  public float validationLoss(ParameterStore store, NDManager scope) {
    long seed = StepSeeds.of(config.seed(), VALIDATION_STREAM);
    NDArray value =
        config.mining() == Mining.BATCH_HARD
            ? batchHard(
                store,
                scope,
                validationPk,
                Math.min(config.batch(), validationPk.capacity(config.imagesPerPerson())),
                seed,
                false)
            : random(store, scope, data.validation(), seed, false);
    return value.getFloat();
  }

  private NDArray random(
      ParameterStore store, NDManager scope, int[] pool, long seed, boolean training) {
    List<Triplet> triplets = new TripletSampler(data.crops(), pool, seed).nextBatch(config.batch());
    int n = triplets.size();
    int[] indices = new int[3 * n];
    for (int i = 0; i < n; i++) {
      indices[i] = triplets.get(i).anchor();
      indices[n + i] = triplets.get(i).positive();
      indices[2 * n + i] = triplets.get(i).negative();
    }
    NDArray images = training ? trainingImages(scope, indices, seed) : images(scope, indices);
    return loss.evaluate(projected(store, images, training));
  }

  private NDArray batchHard(
      ParameterStore store,
      NDManager scope,
      PkSampler sampler,
      int size,
      long seed,
      boolean training) {
    LabelledBatch batch = sampler.next(size, config.imagesPerPerson(), new SplittableRandom(seed));
    NDArray labels = scope.create(batch.labels());
    NDArray images =
        training ? trainingImages(scope, batch.indices(), seed) : images(scope, batch.indices());
    return loss.evaluateBatchHard(projected(store, images, training), labels);
  }
}

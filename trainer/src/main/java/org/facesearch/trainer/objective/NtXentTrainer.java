package org.facesearch.trainer.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.facesearch.data.image.FaceCrop;
import org.facesearch.data.sample.AugmentationConfig;
import org.facesearch.data.sample.Augmenter;
import org.facesearch.data.sample.TwoViewSampler;
import org.facesearch.data.sample.TwoViews;
import org.facesearch.model.arch.FaceNetwork;
import org.facesearch.model.bundle.ModelSpec;
import org.facesearch.trainer.TrainConfig;
import org.facesearch.trainer.data.StepSeeds;
import org.facesearch.trainer.data.TrainingData;
import org.facesearch.trainer.loss.NtXentLoss;

/**
 * SimCLR: two augmented views of every image, ResNet-18 with the SimCLR projection head, NT-Xent.
 * No labels are used. Each epoch visits the training images in a fresh seeded order; step s shows
 * slice {@code s mod stepsPerEpoch} of epoch {@code s / stepsPerEpoch}'s order.
 */
public final class NtXentTrainer extends ObjectiveTrainer {
  /** Seed streams of the epoch orders, far from the step numbers and the other streams. */
  private static final long EPOCH_STREAM = Long.MIN_VALUE / 2;

  private static final long VALIDATION_STREAM = -3;

  private final NtXentLoss loss;
  private final Augmenter augmenter = new Augmenter(AugmentationConfig.SIMCLR);
  private final int[] train;
  private long orderEpoch = -1;
  private int[] order;

  public NtXentTrainer(TrainConfig config, TrainingData data, ModelSpec spec, FaceNetwork network) {
    super(config, data, spec, network);
    this.loss = new NtXentLoss(config.temperature());
    this.train = data.train();
    if (train.length < config.batch()) {
      throw new IllegalArgumentException(
          "NT-Xent batch "
              + config.batch()
              + " is larger than the "
              + train.length
              + " training images");
    }
  }

  @Override
  public int imagesPerStep() {
    return 2 * config.batch();
  }

  @Override
  public long stepsPerEpoch() {
    return train.length / config.batch();
  }

  @Override
  public NDArray trainingLoss(ParameterStore store, NDManager scope, long step) {
    long epoch = step / stepsPerEpoch();
    int slice = (int) (step % stepsPerEpoch());
    int[] indices =
        Arrays.copyOfRange(orderOf(epoch), slice * config.batch(), (slice + 1) * config.batch());
    return views(store, scope, indices, StepSeeds.of(config.seed(), step), true);
  }

  @Override
  public float validationLoss(ParameterStore store, NDManager scope) {
    int[] validation = data.validation();
    int[] indices = Arrays.copyOf(validation, Math.min(validation.length, config.batch()));
    return views(store, scope, indices, StepSeeds.of(config.seed(), VALIDATION_STREAM), false)
        .getFloat();
  }

  private NDArray views(
      ParameterStore store, NDManager scope, int[] indices, long seed, boolean training) {
    List<TwoViews> pairs =
        new TwoViewSampler(data.crops(), indices, augmenter, seed).nextBatch(indices.length);
    List<FaceCrop> crops = new ArrayList<>(2 * pairs.size());
    pairs.forEach(v -> crops.add(v.first()));
    pairs.forEach(v -> crops.add(v.second()));
    return loss.evaluate(projected(store, spec.input().tensor(scope, crops), training));
  }

  private int[] orderOf(long epoch) {
    if (epoch != orderEpoch) {
      order = train.clone();
      SplittableRandom random =
          new SplittableRandom(StepSeeds.of(config.seed(), EPOCH_STREAM + epoch));
      for (int i = order.length - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      orderEpoch = epoch;
    }
    return order;
  }
}

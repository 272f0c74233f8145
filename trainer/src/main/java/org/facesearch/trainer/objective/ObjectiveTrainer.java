package org.facesearch.trainer.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.facesearch.data.cache.CachedCrops;
import org.facesearch.data.image.FaceCrop;
import org.facesearch.data.sample.Augmenter;
import org.facesearch.model.arch.FaceNetwork;
import org.facesearch.model.bundle.ModelSpec;
import org.facesearch.trainer.TrainConfig;
import org.facesearch.trainer.data.TrainingData;

/**
 * What one objective adds to the shared training loop: how a step's batch is drawn (from the run
 * seed and the step number only, so resumed runs repeat it exactly) and how its loss is computed.
 * The loop does everything else: gradients, updates, validation, checkpoints, the bundle.
 */
public abstract class ObjectiveTrainer {
  private static final Augmenter MILD = new Augmenter(TrainConfig.MILD_AUGMENTATION);

  protected final TrainConfig config;
  protected final TrainingData data;
  protected final ModelSpec spec;
  protected final FaceNetwork network;

  protected ObjectiveTrainer(
      TrainConfig config, TrainingData data, ModelSpec spec, FaceNetwork network) {
    this.config = config;
    this.data = data;
    this.spec = spec;
    this.network = network;
  }

  /** Images one step shows the network (for images/s). */
  public abstract int imagesPerStep();

  /** Steps in one pass over the training images. */
  public long stepsPerEpoch() {
    return Math.max(1, data.train().length / imagesPerStep());
  }

  /**
   * The scalar loss of step {@code step}'s batch, computed with {@code store} in training mode;
   * every tensor on {@code scope}.
   */
  public abstract NDArray trainingLoss(ParameterStore store, NDManager scope, long step);

  /** The loss of fixed batches of validation people, in inference mode. */
  public abstract float validationLoss(ParameterStore store, NDManager scope);

  /**
   * Parameters trained with the network that are not part of the model (a margin-softmax class
   * matrix): updated by the optimiser and saved in checkpoints, never written into the bundle. Keys
   * are stable names, distinct from the network's.
   */
  public Map<String, Parameter> trainingParameters() {
    return Map.of();
  }

  /** What the bundle should record about this run beyond the settings (e.g. the teacher's size). */
  public Map<String, Object> bundleNotes() {
    return Map.of();
  }

  /** The normalised input batch of these crops, as they are. */
  protected NDArray images(NDManager scope, int[] indices) {
    CachedCrops crops = data.crops();
    List<FaceCrop> batch = new ArrayList<>(indices.length);
    for (int i : indices) {
      batch.add(crops.crop(i));
    }
    return spec.input().tensor(scope, batch);
  }

  /**
   * A training batch: the crops mildly augmented when the config asks for it. Each crop gets its
   * own seed from {@code seed}, so augmenting in parallel is still reproducible.
   */
  protected NDArray trainingImages(NDManager scope, int[] indices, long seed) {
    if (!config.augment()) {
      return images(scope, indices);
    }
    CachedCrops crops = data.crops();
    SplittableRandom seeds = new SplittableRandom(seed);
    long[] itemSeeds = new long[indices.length];
    for (int k = 0; k < itemSeeds.length; k++) {
      itemSeeds[k] = seeds.nextLong();
    }
    List<FaceCrop> batch =
        IntStream.range(0, indices.length)
            .parallel()
            .mapToObj(k -> MILD.apply(crops.crop(indices[k]), new SplittableRandom(itemSeeds[k])))
            .toList();
    return spec.input().tensor(scope, batch);
  }

  /** The head's unit-length embeddings (projection objectives). */
  protected NDArray projected(ParameterStore store, NDArray images, boolean training) {
    return network.project(store, network.features(store, images, training), training);
  }
}

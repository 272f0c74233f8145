package org.facesearch.trainer.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.Map;
import java.util.SplittableRandom;
import org.facesearch.trainer.Settings;
import org.facesearch.trainer.data.PkSampler;
import org.facesearch.trainer.data.StepSeeds;
import org.facesearch.trainer.loss.MarginSoftmaxLoss;
import org.facesearch.trainer.loss.TripletLoss;

/**
 * CosFace/ArcFace: embeddings of a batch of training images against the class matrix. Batches are
 * uniform random images, or P x K batches when a batch-hard triplet term is added (it needs several
 * images per person in a batch).
 *
 * <p>Its validation loss is the softmax loss of a fixed batch of <em>training</em> images in
 * inference mode: the held-out people have no class row. How well the embedding generalises is what
 * the validation accuracy (held-out people's pairs) measures.
 */
final class MarginSoftmaxTrainer extends ObjectiveTrainer {
  private static final long VALIDATION_STREAM = -3;

  private final MarginSoftmaxLoss loss;
  private final ClassWeights classes;
  private final float tripletWeight;
  private final TripletLoss triplet;
  private final PkSampler pk;
  private final int[] train;

  MarginSoftmaxTrainer(TrainingSetup s, MarginKind kind) {
    super(s.config(), s.data(), s.spec(), s.network());
    this.loss =
        new MarginSoftmaxLoss(
            kind, config.margin(), config.get(MarginSoftmaxObjective.SCALE), false);
    this.train = data.train();
    this.classes = new ClassWeights(s, train);
    this.tripletWeight = config.get(MarginSoftmaxObjective.TRIPLET_WEIGHT);
    this.triplet =
        tripletWeight > 0
            ? new TripletLoss(config.get(MarginSoftmaxObjective.TRIPLET_MARGIN), 1f)
            : null;
    this.pk = tripletWeight > 0 ? new PkSampler(data.crops(), train) : null;
  }

  @Override
  public int imagesPerStep() {
    return config.batch();
  }

  @Override
  public Map<String, Parameter> trainingParameters() {
    return Map.of(ClassWeights.NAME, classes.parameter());
  }

  @Override
  public NDArray trainingLoss(ParameterStore store, NDManager scope, long step) {
    long seed = StepSeeds.of(config.seed(), step);
    int[] indices =
        pk != null
            ? pk.next(
                    config.batch(),
                    config.get(Settings.IMAGES_PER_PERSON),
                    new SplittableRandom(seed))
                .indices()
            : RandomImages.draw(train, config.batch(), seed);
    return loss(store, trainingImages(scope, indices, StepSeeds.of(seed, 2)), indices, scope, true);
  }

  @Override
  public float validationLoss(ParameterStore store, NDManager scope) {
    int[] indices =
        RandomImages.draw(
            train,
            Math.min(config.batch(), train.length),
            StepSeeds.of(config.seed(), VALIDATION_STREAM));
    return loss(store, images(scope, indices), indices, scope, false).getFloat();
  }

  private NDArray loss(
      ParameterStore store, NDArray images, int[] indices, NDManager scope, boolean training) {
    NDArray embeddings = projected(store, images, training);
    NDArray labels = scope.create(classes.classesOf(data.crops(), indices));
    NDArray value = loss.evaluate(embeddings, classes.parameter().getArray(), labels);
    if (triplet != null && training) {
      value = value.add(triplet.evaluateBatchHard(embeddings, labels).mul(tripletWeight));
    }
    return value;
  }
}

package org.facesearch.trainer.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.facesearch.data.cache.CachedCrops;
import org.facesearch.data.image.FaceCrop;
import org.facesearch.trainer.data.StepSeeds;
import org.facesearch.trainer.distill.TeacherTargets;
import org.facesearch.trainer.distill.TeacherViews;
import org.facesearch.trainer.loss.DistillationLoss;
import org.facesearch.trainer.loss.MarginSoftmaxLoss;

/**
 * The student's step: a batch of random training images (mildly augmented by default: the teacher's
 * vector is of the image as it is, so the student also learns to ignore small distortions; or, with
 * teacher views, each shown as it is or in one of its augmented views, against the teacher's vector
 * of exactly that image), their head embeddings against the teacher's. Validation: the same loss
 * (without the identity term) on a fixed batch of held-out people's images.
 */
final class DistillTrainer extends ObjectiveTrainer {
  private static final long VALIDATION_STREAM = -3;

  private final TeacherTargets teacher;
  private final DistillationLoss loss;
  private final float identityWeight;
  private final MarginSoftmaxLoss identity;
  private final ClassWeights classes;
  private final int[] train;
  private final float mixup;

  DistillTrainer(TrainingSetup s) {
    super(s.config(), s.data(), s.spec(), s.network());
    this.teacher =
        s.teacher()
            .orElseThrow(() -> new IllegalArgumentException("distillation needs a teacher model"));
    if (!teacher.modelId().equals(config.get(DistillObjective.TEACHER))) {
      throw new IllegalArgumentException(
          "the config names teacher "
              + config.get(DistillObjective.TEACHER)
              + " but the run was given "
              + teacher.modelId());
    }
    this.loss =
        new DistillationLoss(
            config.get(DistillObjective.COSINE_WEIGHT),
            config.get(DistillObjective.RELATIONAL_WEIGHT));
    this.identityWeight = config.get(DistillObjective.IDENTITY_WEIGHT);
    this.train = data.train();
    this.mixup = config.get(DistillObjective.TEACHER_MIXUP);
    if (identityWeight > 0) {
      this.identity =
          new MarginSoftmaxLoss(
              MarginKind.COSFACE, config.margin(), config.get(MarginSoftmaxObjective.SCALE), false);
      this.classes = new ClassWeights(s, train);
    } else {
      this.identity = null;
      this.classes = null;
    }
  }

  @Override
  public int imagesPerStep() {
    return config.batch();
  }

  @Override
  public Map<String, Parameter> trainingParameters() {
    return classes == null ? Map.of() : Map.of(ClassWeights.NAME, classes.parameter());
  }

  @Override
  public Map<String, Object> bundleNotes() {
    return Map.of(
        "teacherDimension", teacher.teacherDimension(), "teacherProjection", teacher.projection());
  }

  @Override
  public NDArray trainingLoss(ParameterStore store, NDManager scope, long step) {
    long seed = StepSeeds.of(config.seed(), step);
    int[] indices = RandomImages.draw(train, config.batch(), seed);
    int blends = DistillObjective.blendsPerBatch(mixup, indices.length);
    if (blends > 0) {
      return blendedLoss(store, scope, indices, blends, seed);
    }
    NDArray student;
    NDArray targets;
    if (teacher.views() > 0) {
      int[] views = drawViews(indices.length, StepSeeds.of(seed, 3));
      student = projected(store, viewImages(scope, indices, views), true);
      targets = teacher.of(scope, indices, views);
    } else {
      student = projected(store, trainingImages(scope, indices, StepSeeds.of(seed, 2)), true);
      targets = teacher.of(scope, indices);
    }
    NDArray value = loss.evaluate(student, targets);
    if (identity != null) {
      NDArray labels = scope.create(classes.classesOf(data.crops(), indices));
      value =
          value.add(
              identity
                  .evaluate(student, classes.parameter().getArray(), labels)
                  .mul(identityWeight));
    }
    return value;
  }

  /**
   * A step whose first {@code blends} images are each blended with another training face (weight
   * uniform in [0, 1]) and matched to the teacher's vector of that blend, computed now; the rest
   * are shown as in a step without blends. One forward pass over both, so batch-norm sees one
   * batch. The identity term, whose labels a blend does not have, sees only the rest.
   */
  private NDArray blendedLoss(
      ParameterStore store, NDManager scope, int[] indices, int blends, long seed) {
    int[] partners = RandomImages.draw(train, blends, StepSeeds.of(seed, 4));
    float[] weights = new float[blends];
    SplittableRandom random = new SplittableRandom(StepSeeds.of(seed, 5));
    for (int k = 0; k < blends; k++) {
      weights[k] = (float) random.nextDouble();
    }
    int[] first = Arrays.copyOfRange(indices, 0, blends);
    int[] rest = Arrays.copyOfRange(indices, blends, indices.length);
    CachedCrops crops = data.crops();
    List<FaceCrop> blended =
        IntStream.range(0, blends)
            .parallel()
            .mapToObj(k -> crops.crop(first[k]).blend(crops.crop(partners[k]), weights[k]))
            .toList();
    NDArray images = spec.input().tensor(scope, blended);
    NDArray targets = teacher.blended(scope, first, partners, weights);
    if (rest.length > 0) {
      // The rest as a step without blends shows them: a view, or mildly distorted.
      if (teacher.views() > 0) {
        int[] views = drawViews(rest.length, StepSeeds.of(seed, 3));
        images = images.concat(viewImages(scope, rest, views));
        targets = targets.concat(teacher.of(scope, rest, views));
      } else {
        images = images.concat(trainingImages(scope, rest, StepSeeds.of(seed, 2)));
        targets = targets.concat(teacher.of(scope, rest));
      }
    }
    NDArray student = projected(store, images, true);
    NDArray value = loss.evaluate(student, targets);
    if (identity != null && rest.length > 0) {
      NDArray labels = scope.create(classes.classesOf(data.crops(), rest));
      NDArray own = student.get(blends + ":");
      value =
          value.add(
              identity.evaluate(own, classes.parameter().getArray(), labels).mul(identityWeight));
    }
    return value;
  }

  /** Each image's view: 0 (as it is) or one of the teacher's views, all equally likely. */
  private int[] drawViews(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] views = new int[n];
    for (int k = 0; k < n; k++) {
      views[k] = random.nextInt(teacher.views() + 1);
    }
    return views;
  }

  /** The student's crops in the views their targets were made from (no further distortion). */
  private NDArray viewImages(NDManager scope, int[] indices, int[] views) {
    CachedCrops crops = data.crops();
    List<FaceCrop> batch =
        IntStream.range(0, indices.length)
            .parallel()
            .mapToObj(
                k -> {
                  FaceCrop crop = crops.crop(indices[k]);
                  return views[k] == 0
                      ? crop
                      : TeacherViews.view(crop, crops.image(indices[k]).key(), views[k]);
                })
            .toList();
    return spec.input().tensor(scope, batch);
  }

  @Override
  public float validationLoss(ParameterStore store, NDManager scope) {
    int[] validation = data.validation();
    int[] indices =
        validation.length <= config.batch()
            ? validation
            : RandomImages.draw(
                validation, config.batch(), StepSeeds.of(config.seed(), VALIDATION_STREAM));
    Arrays.sort(indices);
    NDArray student = projected(store, images(scope, indices), false);
    return loss.evaluate(student, teacher.of(scope, indices)).getFloat();
  }
}

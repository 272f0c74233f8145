package org.facesearch.trainer.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import java.util.Map;
import org.facesearch.trainer.data.StepSeeds;
import org.facesearch.trainer.distill.TeacherTargets;
import org.facesearch.trainer.loss.DistillationLoss;
import org.facesearch.trainer.loss.MarginSoftmaxLoss;

/**
 * The student's step: a batch of random training images (mildly augmented by default: the teacher's
 * vector is of the image as it is, so the student also learns to ignore small distortions), their
 * head embeddings against the teacher's. Validation: the same loss (without the identity term) on a
 * fixed batch of held-out people's images.
 */
final class DistillTrainer extends ObjectiveTrainer {
  private static final long VALIDATION_STREAM = -3;

  private final TeacherTargets teacher;
  private final DistillationLoss loss;
  private final float identityWeight;
  private final MarginSoftmaxLoss identity;
  private final ClassWeights classes;
  private final int[] train;

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
    NDArray student = projected(store, trainingImages(scope, indices, StepSeeds.of(seed, 2)), true);
    NDArray value = loss.evaluate(student, teacher.of(scope, indices));
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

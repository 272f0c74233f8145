package org.facesearch.trainer.objective;

import java.util.List;
import org.facesearch.model.arch.Architecture;
import org.facesearch.model.bundle.Objective;
import org.facesearch.trainer.Setting;
import org.facesearch.trainer.Settings;
import org.facesearch.trainer.TrainConfig;

/**
 * CosFace or ArcFace over the training identities of {@code peopleDevTrain}, on ResNet-18 with the
 * 128-d embedding head, optionally plus batch-hard triplets over P x K batches.
 *
 * <p>Defaults: CosFace m = 0.35 and ArcFace m = 0.5 (their papers' values), s = 30 (enough for a
 * few thousand classes: the target probability can reach 0.9 once {@code s >= log(9 (C - 1))},
 * about 10.4 for C = 3,600), Adam 1e-3 with cosine decay and mild augmentation, as the shipped
 * TriNet trained best on this CPU.
 */
public final class MarginSoftmaxObjective implements TrainingObjective {
  /** Softmax scale. */
  public static final Setting<Float> SCALE = Setting.positive("scale", "scale");

  /** Weight of the batch-hard triplet term added to the softmax loss; 0 for none. */
  public static final Setting<Float> TRIPLET_WEIGHT =
      Setting.nonNegative("tripletWeight", "triplet weight");

  /** Margin of that triplet term (the softmax margin is {@link Settings#MARGIN}). */
  public static final Setting<Float> TRIPLET_MARGIN =
      Setting.positive("tripletMargin", "triplet margin");

  private final MarginKind kind;

  MarginSoftmaxObjective(MarginKind kind) {
    this.kind = kind;
  }

  MarginKind kind() {
    return kind;
  }

  @Override
  public String id() {
    return kind.id();
  }

  @Override
  public String summary() {
    return (kind == MarginKind.COSFACE ? "CosFace: s(cos - m)" : "ArcFace: s cos(theta + m)")
        + " softmax over peopleDevTrain identities, 128-d head, optional batch-hard triplets";
  }

  @Override
  public Objective bundleObjective() {
    return Objective.MARGIN_SOFTMAX;
  }

  @Override
  public List<Setting<?>> settings() {
    return List.of(
        Settings.MARGIN, SCALE, TRIPLET_WEIGHT, TRIPLET_MARGIN, Settings.IMAGES_PER_PERSON);
  }

  @Override
  public void applyDefaults(TrainConfig.Builder b) {
    b.set(Settings.MARGIN, kind == MarginKind.COSFACE ? 0.35f : 0.5f)
        .set(SCALE, 30f)
        .set(TRIPLET_WEIGHT, 0f)
        .set(TRIPLET_MARGIN, 0.2f)
        .set(Settings.IMAGES_PER_PERSON, 4)
        .learningRate(1e-3f)
        .cosineDecay(true)
        .augment(true);
  }

  @Override
  public void check(TrainConfig c) {
    if (c.architecture().weightsLayout() != Architecture.RESNET18) {
      throw new IllegalArgumentException(id() + " is defined on resnet18 and resnet18-96 only");
    }
    if (kind == MarginKind.ARCFACE && c.margin() >= Math.PI / 2) {
      throw new IllegalArgumentException(
          "an ArcFace margin is an angle in radians below pi/2 (typically 0.5), got " + c.margin());
    }
    if (kind == MarginKind.COSFACE && c.margin() >= 1) {
      throw new IllegalArgumentException(
          "a CosFace margin is a cosine difference below 1 (typically 0.35), got " + c.margin());
    }
    if (c.get(TRIPLET_WEIGHT) > 0) {
      PkBatches.check("batch-hard", c);
    }
  }

  @Override
  public ObjectiveTrainer trainer(TrainingSetup s) {
    return new MarginSoftmaxTrainer(s, kind);
  }
}

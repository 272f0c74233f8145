package org.facesearch.trainer.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import org.facesearch.model.arch.L2Norm;
import org.facesearch.trainer.objective.MarginKind;

/**
 * Softmax cross-entropy over cosine logits with an additive margin on the true class, CosFace or
 * ArcFace. Embeddings and class weights are both L2-normalised here, so a logit is {@code s cos
 * theta}: classes are directions, and the margin asks each embedding to be closer (by {@code m} in
 * cosine, or by {@code m} radians) to its own class's direction than any other class's.
 *
 * <p>ArcFace's {@code cos(theta + m)} stops decreasing once {@code theta + m > pi}; there the
 * target logit uses the CosFace-like {@code cos theta - m sin m} instead (InsightFace's threshold
 * fallback), which keeps it monotonic. With {@code easyMargin} the margin applies only where {@code
 * cos theta > 0}.
 */
public final class MarginSoftmaxLoss {
  /** Keeps sqrt(1 - cos^2) differentiable at cos = +-1. */
  private static final float SIN_FLOOR = 1e-7f;

  private final MarginKind kind;
  private final float margin;
  private final float scale;
  private final boolean easyMargin;

  public MarginSoftmaxLoss(MarginKind kind, float margin, float scale, boolean easyMargin) {
    if (!(margin >= 0) || Float.isInfinite(margin)) {
      throw new IllegalArgumentException("margin must be >= 0 and finite, got " + margin);
    }
    if (kind == MarginKind.ARCFACE && margin >= Math.PI / 2) {
      throw new IllegalArgumentException("an ArcFace margin is an angle below pi/2, got " + margin);
    }
    if (!(scale > 0) || Float.isInfinite(scale)) {
      throw new IllegalArgumentException("scale must be > 0 and finite, got " + scale);
    }
    this.kind = kind;
    this.margin = margin;
    this.scale = scale;
    this.easyMargin = easyMargin;
  }

  /**
   * The mean loss of embeddings (N, d) whose classes are {@code labels} (N, class numbers 0..C-1 as
   * integers), against the class weights (C, d). Neither needs to be normalised.
   */
  public NDArray evaluate(NDArray embeddings, NDArray classWeights, NDArray labels) {
    long classes = classWeights.getShape().get(0);
    if (embeddings.getShape().dimension() != 2
        || classWeights.getShape().dimension() != 2
        || embeddings.getShape().get(1) != classWeights.getShape().get(1)
        || labels.getShape().dimension() != 1
        || labels.getShape().get(0) != embeddings.getShape().get(0)) {
      throw new IllegalArgumentException(
          "margin softmax needs embeddings (N, d), class weights (C, d) and labels (N); got "
              + embeddings.getShape()
              + ", "
              + classWeights.getShape()
              + " and "
              + labels.getShape());
    }
    NDArray cos =
        L2Norm.rows(embeddings).matMul(L2Norm.rows(classWeights).transpose()).clip(-1f, 1f);
    NDArray target =
        labels.toType(DataType.INT64, false).oneHot((int) classes).toType(DataType.FLOAT32, false);
    NDArray targetCos = cos.mul(target).sum(new int[] {1});
    NDArray shifted = targetLogit(targetCos);
    // Only the true class's cosine is replaced; the others stay as they are.
    NDArray logits = cos.add(target.mul(shifted.sub(targetCos).expandDims(1))).mul(scale);
    return logits.logSoftmax(1).mul(target).sum(new int[] {1}).neg().mean();
  }

  /** The margin-shifted cosine of the true class, (N) from (N). */
  private NDArray targetLogit(NDArray cos) {
    if (kind == MarginKind.COSFACE) {
      return cos.sub(margin);
    }
    NDArray sin = cos.square().neg().add(1f).clip(SIN_FLOOR, 1f).sqrt();
    NDArray shifted = cos.mul((float) Math.cos(margin)).sub(sin.mul((float) Math.sin(margin)));
    NDArray keep;
    NDArray otherwise;
    if (easyMargin) {
      keep = cos.gt(0f).toType(DataType.FLOAT32, false);
      otherwise = cos;
    } else {
      keep = cos.gt((float) Math.cos(Math.PI - margin)).toType(DataType.FLOAT32, false);
      otherwise = cos.sub((float) (Math.sin(Math.PI - margin) * margin));
    }
    return shifted.mul(keep).add(otherwise.mul(keep.neg().add(1f)));
  }
}

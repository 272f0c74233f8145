package org.facesearch.trainer.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The triplet loss of FaceNet and TriNet: {@code mean(max(0, d(a, p) - d(a, n) + margin))}, with
 * {@code d} the Euclidean distance.
 *
 * <p>Temperature: the embeddings are divided by it <em>before</em> the distances are taken, so both
 * distances scale by {@code 1 / temperature} while the margin does not. With unit-length embeddings
 * (distances in [0, 2]) a temperature below 1 thus widens distances relative to the margin;
 * temperature 1 is the plain loss.
 *
 * <p>Anchors, positives and negatives go through the network in one forward pass (one batch-norm
 * batch, one graph): concatenate them with {@link #stack}, embed, then pass the result here.
 */
public final class TripletLoss {
  /** Added to non-negative pairs' distances: no real distance of unit vectors comes near it. */
  private static final float UNREACHABLE = 1e6f;

  private final float margin;
  private final float temperature;

  public TripletLoss(float margin, float temperature) {
    if (!(margin >= 0) || Float.isInfinite(margin)) {
      throw new IllegalArgumentException("triplet margin must be >= 0 and finite, got " + margin);
    }
    if (!(temperature > 0) || Float.isInfinite(temperature)) {
      throw new IllegalArgumentException(
          "triplet temperature must be > 0 and finite, got " + temperature);
    }
    this.margin = margin;
    this.temperature = temperature;
  }

  /** Rows {@code [anchors; positives; negatives]}: the layout {@link #evaluate} expects. */
  public static NDArray stack(NDArray anchors, NDArray positives, NDArray negatives) {
    return anchors.concat(positives, 0).concat(negatives, 0);
  }

  /**
   * The mean loss over the triplets in {@code embeddings}, a (3B, d) array laid out as {@link
   * #stack} makes it.
   */
  public NDArray evaluate(NDArray embeddings) {
    long rows = embeddings.getShape().get(0);
    if (embeddings.getShape().dimension() != 2 || rows == 0 || rows % 3 != 0) {
      throw new IllegalArgumentException(
          "triplet embeddings must be (3B, d): anchors, positives, negatives; got "
              + embeddings.getShape());
    }
    NDList parts = embeddings.div(temperature).split(3);
    NDArray toPositive = Distances.euclidean(parts.get(0), parts.get(1));
    NDArray toNegative = Distances.euclidean(parts.get(0), parts.get(2));
    return toPositive.sub(toNegative).add(margin).maximum(0f).mean();
  }

  /**
   * Batch-hard mining (Hermans, Beyer and Leibe 2017, "In Defense of the Triplet Loss"): every row
   * of a labelled batch (N, d) is an anchor, paired with its farthest same-label row and its
   * nearest other-label row; the loss is the mean over anchors that have both. Temperature and
   * margin enter as in {@link #evaluate}. Labels (N) are identity numbers.
   *
   * @throws IllegalArgumentException if no row has both a positive and a negative in the batch
   */
  public NDArray evaluateBatchHard(NDArray embeddings, NDArray labels) {
    Shape shape = embeddings.getShape();
    if (shape.dimension() != 2
        || shape.get(0) < 2
        || !labels.getShape().equals(new Shape(shape.get(0)))) {
      throw new IllegalArgumentException(
          "batch-hard triplets need embeddings (N, d) with N >= 2 and labels (N); got "
              + shape
              + " and "
              + labels.getShape());
    }
    int n = (int) shape.get(0);
    NDManager manager = embeddings.getManager();
    NDArray scaled = embeddings.div(temperature);
    // Differences, not the Gram-matrix shortcut: the diagonal is then exactly 0 with a 0 gradient.
    NDArray distance =
        scaled
            .expandDims(1)
            .sub(scaled.expandDims(0))
            .square()
            .sum(new int[] {2})
            .add(Distances.EPSILON)
            .sqrt();
    NDArray sameLabel = labels.expandDims(1).eq(labels.expandDims(0));
    NDArray notSelf = manager.eye(n).eq(0f);
    NDArray positive = sameLabel.logicalAnd(notSelf).toType(DataType.FLOAT32, false);
    NDArray negative = sameLabel.logicalNot().toType(DataType.FLOAT32, false);
    NDArray hasBoth = positive.max(new int[] {1}).mul(negative.max(new int[] {1}));
    float anchors = hasBoth.sum().getFloat();
    if (anchors == 0) {
      throw new IllegalArgumentException(
          "batch-hard triplets need an identity with 2+ rows and another identity in the batch");
    }
    // Distances are >= 0, so masking with 0 keeps the farthest positive; non-negatives get a
    // large offset so they are never the nearest negative.
    NDArray hardestPositive = distance.mul(positive).max(new int[] {1});
    NDArray hardestNegative =
        distance.add(negative.neg().add(1f).mul(UNREACHABLE)).min(new int[] {1});
    NDArray perAnchor = hardestPositive.sub(hardestNegative).add(margin).maximum(0f);
    return perAnchor.mul(hasBoth).sum().div(anchors);
  }
}

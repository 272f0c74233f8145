package org.facesearch.trainer.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * The triplet loss of FaceNet and TriNet: {@code mean(max(0, d(a, p) - d(a, n) + margin))}, with
 * {@code d} the Euclidean distance.
 *
 * <p>Temperature: the embeddings are divided by it <em>before</em> the distances are taken, so
 * both distances scale by {@code 1 / temperature} while the margin does not. With unit-length
 * embeddings (distances in [0, 2]) a temperature below 1 thus widens distances relative to the
 * margin; temperature 1 is the plain loss.
 *
 * <p>Anchors, positives and negatives go through the network in one forward pass (one batch-norm
 * batch, one graph): concatenate them with {@link #stack}, embed, then pass the result here.
 */
public final class TripletLoss {
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
}

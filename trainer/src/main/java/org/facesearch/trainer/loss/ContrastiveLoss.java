package org.facesearch.trainer.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The contrastive loss of Hadsell, Chopra and LeCun (2005): for a pair at Euclidean distance D,
 * {@code y * D^2 + (1 - y) * max(0, margin - D)^2} with y = 1 for the same person; same pairs are
 * pulled together, different pairs pushed at least {@code margin} apart. (The paper's 1/2 factors
 * are left out; they only rescale the gradient.)
 */
public final class ContrastiveLoss {
  private final float margin;

  public ContrastiveLoss(float margin) {
    if (!(margin > 0) || Float.isInfinite(margin)) {
      throw new IllegalArgumentException(
          "contrastive margin must be > 0 and finite, got " + margin);
    }
    this.margin = margin;
  }

  /**
   * The mean loss over given pairs: row i of {@code first} and of {@code second}, (N, d) each, with
   * {@code same} (N) holding 1 for same-person pairs and 0 otherwise.
   */
  public NDArray evaluate(NDArray first, NDArray second, NDArray same) {
    if (!first.getShape().equals(second.getShape())
        || first.getShape().dimension() != 2
        || !same.getShape().equals(new Shape(first.getShape().get(0)))) {
      throw new IllegalArgumentException(
          "contrastive pairs need (N, d), (N, d) and labels (N); got "
              + first.getShape()
              + ", "
              + second.getShape()
              + ", "
              + same.getShape());
    }
    NDArray y = same.toType(DataType.FLOAT32, false);
    NDArray squared = Distances.squared(first, second);
    NDArray distance = squared.add(Distances.EPSILON).sqrt();
    return perPair(y, squared, distance).mean();
  }

  /**
   * The "batch-all" variant: the mean loss over every unordered pair of rows in a labelled batch,
   * {@code embeddings} (N, d) with identity {@code labels} (N); rows with equal labels are the same
   * person. Needs N >= 2.
   */
  public NDArray evaluateAllPairs(NDArray embeddings, NDArray labels) {
    Shape shape = embeddings.getShape();
    if (shape.dimension() != 2
        || shape.get(0) < 2
        || !labels.getShape().equals(new Shape(shape.get(0)))) {
      throw new IllegalArgumentException(
          "batch-all contrastive needs embeddings (N, d) with N >= 2 and labels (N); got "
              + shape
              + " and "
              + labels.getShape());
    }
    int n = (int) shape.get(0);
    NDManager manager = embeddings.getManager();
    // (N, 1, d) - (1, N, d) broadcasts to every pair's difference.
    NDArray squared =
        embeddings.expandDims(1).sub(embeddings.expandDims(0)).square().sum(new int[] {2});
    NDArray distance = squared.add(Distances.EPSILON).sqrt();
    NDArray y = labels.expandDims(1).eq(labels.expandDims(0)).toType(DataType.FLOAT32, false);
    float[] upper = new float[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        upper[i * n + j] = 1f;
      }
    }
    NDArray pairs = manager.create(upper, new Shape(n, n));
    int pairCount = n * (n - 1) / 2;
    return perPair(y, squared, distance).mul(pairs).sum().div(pairCount);
  }

  private NDArray perPair(NDArray y, NDArray squared, NDArray distance) {
    NDArray pull = y.mul(squared);
    NDArray push = y.neg().add(1f).mul(distance.neg().add(margin).maximum(0f).square());
    return pull.add(push);
  }
}

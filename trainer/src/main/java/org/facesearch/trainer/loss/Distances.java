package org.facesearch.trainer.loss;

import ai.djl.ndarray.NDArray;

/** Euclidean distances shared by the metric losses. */
final class Distances {
  /**
   * Added under the square root: the gradient of {@code sqrt} is infinite at 0, which would turn
   * identical embeddings into NaN gradients. Shifts a distance of 1 by 5e-13.
   */
  static final float EPSILON = 1e-12f;

  private Distances() {}

  /** Row-wise {@code ||a_i - b_i||}, (N) from two (N, d) arrays. */
  static NDArray euclidean(NDArray a, NDArray b) {
    return a.sub(b).square().sum(new int[] {1}).add(EPSILON).sqrt();
  }

  /** Row-wise {@code ||a_i - b_i||^2}. */
  static NDArray squared(NDArray a, NDArray b) {
    return a.sub(b).square().sum(new int[] {1});
  }
}

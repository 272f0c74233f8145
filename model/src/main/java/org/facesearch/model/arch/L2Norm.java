package org.facesearch.model.arch;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;

/** Scales each row to unit Euclidean length, as {@code torch.nn.functional.normalize} does. */
public final class L2Norm {
  /** Rows shorter than this are divided by it instead, so a zero row stays zero, not NaN. */
  public static final float EPSILON = 1e-12f;

  private L2Norm() {}

  /** {@code x / max(||x||, EPSILON)} over the last axis of a 2-D array. */
  public static NDArray rows(NDArray x) {
    return x.div(x.norm(new int[] {1}, true).maximum(EPSILON));
  }

  /** The same as a block, the last layer of a projection head. */
  public static Block block() {
    return LambdaBlock.singleton(L2Norm::rows, "l2norm");
  }
}

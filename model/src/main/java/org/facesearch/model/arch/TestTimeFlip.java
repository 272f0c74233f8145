package org.facesearch.model.arch;

import ai.djl.ndarray.NDArray;
import java.util.function.UnaryOperator;

/**
 * Flip averaging at test time: a face's embedding output plus its mirror image's, before the final
 * normalisation.
 *
 * <p>The faces and their mirror images go through the network as one batch of 2N rather than two
 * batches of N: a forward pass has a fixed cost (every layer's dispatch, and each pass's start of
 * the native thread team) that a lone query pays twice otherwise. On 2 cores, one 96x96 ResNet-18
 * pass of a face and its mirror took 0.66x the thread CPU time of two passes of one. The sum is the
 * same per face; only the last bits may differ, as between any two batch sizes.
 */
public final class TestTimeFlip {
  private TestTimeFlip() {}

  /**
   * {@code forward(images) + forward(images mirrored)} for (N, C, H, W) {@code images}, computed in
   * one pass of 2N.
   */
  public static NDArray sumWithMirror(NDArray images, UnaryOperator<NDArray> forward) {
    long n = images.getShape().get(0);
    // Mirror along the width axis of (N, C, H, W).
    NDArray both = forward.apply(images.concat(images.flip(3), 0));
    return both.get("0:" + n).add(both.get(n + ":"));
  }

  /** How many faces a pass of at most {@code passSize} images holds, with or without flipping. */
  public static int facesPerPass(int passSize, boolean testTimeFlip) {
    return testTimeFlip ? Math.max(1, passSize / 2) : passSize;
  }
}

package org.facesearch.trainer.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Binary cross-entropy on logits for the pair classifier: {@code -[y log s(x) + (1 - y) log(1 -
 * s(x))]} with s the sigmoid, computed as {@code max(x, 0) - x y + log(1 + exp(-|x|))}, which never
 * takes the log of 0 or the exp of a large number, so confident logits stay finite.
 */
public final class BinaryCrossEntropy {

  /** Mean loss of logits (N) against targets (N) of 1 (same person) and 0. */
  public NDArray evaluate(NDArray logits, NDArray targets) {
    if (!logits.getShape().equals(targets.getShape()) || logits.getShape().dimension() != 1) {
      throw new IllegalArgumentException(
          "binary cross-entropy needs logits (N) and targets (N); got "
              + logits.getShape()
              + " and "
              + targets.getShape());
    }
    NDArray y = targets.toType(DataType.FLOAT32, false);
    NDArray softplusOfMinusAbs = logits.abs().neg().exp().add(1f).log();
    return logits.maximum(0f).sub(logits.mul(y)).add(softplusOfMinusAbs).mean();
  }
}

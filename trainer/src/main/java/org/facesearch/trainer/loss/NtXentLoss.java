package org.facesearch.trainer.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.facesearch.model.arch.L2Norm;

/**
 * SimCLR's normalised temperature-scaled cross-entropy. For 2N embeddings (two augmented views of N
 * images) it takes the 2N x 2N cosine similarities divided by the temperature, removes each row's
 * similarity to itself, and scores every row by the cross-entropy of picking the other view of the
 * same image among the remaining 2N - 1; the loss is the mean over all 2N rows.
 */
public final class NtXentLoss {
  /** Subtracted from self-similarities: exp() of it is exactly 0 in float. */
  private static final float MASKED = 1e9f;

  private final float temperature;

  public NtXentLoss(float temperature) {
    if (!(temperature > 0) || Float.isInfinite(temperature)) {
      throw new IllegalArgumentException(
          "NT-Xent temperature must be > 0 and finite, got " + temperature);
    }
    this.temperature = temperature;
  }

  /**
   * The mean loss for a (2N, d) array of rows {@code [view1; view2]}: row {@code i} and row {@code
   * i + N} are the two views of image {@code i}. Rows need not be normalised.
   */
  public NDArray evaluate(NDArray views) {
    Shape shape = views.getShape();
    if (shape.dimension() != 2 || shape.get(0) < 2 || shape.get(0) % 2 != 0) {
      throw new IllegalArgumentException(
          "NT-Xent embeddings must be (2N, d) with N >= 1: two views per image; got " + shape);
    }
    int rows = (int) shape.get(0);
    int half = rows / 2;
    NDManager manager = views.getManager();
    NDArray z = L2Norm.rows(views);
    NDArray logits = z.matMul(z.transpose()).div(temperature);
    logits = logits.sub(manager.eye(rows).mul(MASKED));
    float[] partner = new float[rows * rows];
    for (int i = 0; i < rows; i++) {
      partner[i * rows + (i + half) % rows] = 1f;
    }
    NDArray targets = manager.create(partner, new Shape(rows, rows));
    return logits.logSoftmax(1).mul(targets).sum().neg().div(rows);
  }
}

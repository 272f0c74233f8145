package org.facesearch.model.features;

import java.util.Arrays;

/**
 * {@code y = (x - mean) . matrix}: a descriptor of {@link #inputDim()} values to an embedding of
 * {@link #outputDim()}. Immutable; the arrays are copied in and never handed out.
 */
public final class LinearProjection {
  private final float[] mean;
  private final float[] matrix;
  private final int outputDim;

  /**
   * @param mean subtracted first, one value per input
   * @param matrix {@code mean.length x outputDim}, row-major
   */
  public LinearProjection(float[] mean, float[] matrix, int outputDim) {
    this(mean, matrix, outputDim, true);
  }

  /**
   * Takes the arrays without copying them: for arrays just read from a file and referenced nowhere
   * else (a model's matrix is tens of megabytes; a copy doubles what loading it takes).
   */
  static LinearProjection adopting(float[] mean, float[] matrix, int outputDim) {
    return new LinearProjection(mean, matrix, outputDim, false);
  }

  private LinearProjection(float[] mean, float[] matrix, int outputDim, boolean copy) {
    if (mean.length == 0 || outputDim <= 0 || (long) mean.length * outputDim != matrix.length) {
      throw new IllegalArgumentException(
          "a projection of "
              + mean.length
              + " inputs to "
              + outputDim
              + " outputs needs "
              + (long) mean.length * outputDim
              + " matrix values, got "
              + matrix.length);
    }
    for (float v : matrix) {
      if (!Float.isFinite(v)) {
        throw new IllegalArgumentException("projection matrix holds a non-finite value: " + v);
      }
    }
    this.mean = copy ? mean.clone() : mean;
    this.matrix = copy ? matrix.clone() : matrix;
    this.outputDim = outputDim;
  }

  public int inputDim() {
    return mean.length;
  }

  public int outputDim() {
    return outputDim;
  }

  /** The rows of {@code inputs} projected, one row of {@link #outputDim()} values each. */
  public float[][] apply(float[][] inputs) {
    int n = inputs.length;
    int d = mean.length;
    float[] centred = new float[n * d];
    for (int r = 0; r < n; r++) {
      if (inputs[r].length != d) {
        throw new IllegalArgumentException(
            "input " + r + " has " + inputs[r].length + " values, the projection takes " + d);
      }
      for (int j = 0; j < d; j++) {
        centred[r * d + j] = inputs[r][j] - mean[j];
      }
    }
    float[] out = Matrices.times(centred, n, d, matrix, outputDim);
    float[][] rows = new float[n][];
    for (int r = 0; r < n; r++) {
      rows[r] = Arrays.copyOfRange(out, r * outputDim, (r + 1) * outputDim);
    }
    return rows;
  }

  float[] mean() {
    return mean.clone();
  }

  float[] matrix() {
    return matrix.clone();
  }
}

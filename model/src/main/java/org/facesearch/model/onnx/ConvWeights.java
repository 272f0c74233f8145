package org.facesearch.model.onnx;

/**
 * A square convolution's weights (out, in / groups, k, k) row-major and its bias (out), with batch
 * normalisation folded in when it followed the convolution.
 */
public record ConvWeights(
    float[] weight, float[] bias, int outChannels, int inChannelsPerGroup, int kernel, int groups) {
  public ConvWeights {
    if ((long) outChannels * inChannelsPerGroup * kernel * kernel != weight.length) {
      throw new IllegalArgumentException(
          "a "
              + outChannels
              + "x"
              + inChannelsPerGroup
              + "x"
              + kernel
              + "x"
              + kernel
              + " convolution has "
              + ((long) outChannels * inChannelsPerGroup * kernel * kernel)
              + " weights, not "
              + weight.length);
    }
    if (bias.length != outChannels) {
      throw new IllegalArgumentException(
          "a convolution to " + outChannels + " channels has as many biases, not " + bias.length);
    }
    if (groups < 1 || outChannels % groups != 0) {
      throw new IllegalArgumentException(
          groups + " groups do not divide " + outChannels + " channels");
    }
  }

  /** A convolution without bias: zeros. */
  public static ConvWeights of(
      float[] weight,
      float[] bias,
      int outChannels,
      int inChannelsPerGroup,
      int kernel,
      int groups) {
    return new ConvWeights(
        weight,
        bias == null ? new float[outChannels] : bias,
        outChannels,
        inChannelsPerGroup,
        kernel,
        groups);
  }

  /**
   * This convolution followed by inference-mode batch norm, as one convolution: each output
   * channel's weights scaled by {@code gamma / sqrt(var + eps)}, its bias moved to {@code beta +
   * (bias - mean) * scale}. Computed in double, so the folded network differs from the two layers
   * by rounding only.
   */
  public ConvWeights foldBatchNorm(
      float[] gamma, float[] beta, float[] mean, float[] var, double epsilon) {
    for (float[] stat : new float[][] {gamma, beta, mean, var}) {
      if (stat.length != outChannels) {
        throw new IllegalArgumentException(
            "batch norm over "
                + stat.length
                + " channels cannot follow a convolution to "
                + outChannels);
      }
    }
    int perChannel = weight.length / outChannels;
    float[] w = new float[weight.length];
    float[] b = new float[outChannels];
    for (int o = 0; o < outChannels; o++) {
      double scale = gamma[o] / Math.sqrt(var[o] + epsilon);
      for (int i = 0; i < perChannel; i++) {
        w[o * perChannel + i] = (float) (weight[o * perChannel + i] * scale);
      }
      b[o] = (float) (beta[o] + (bias[o] - mean[o]) * scale);
    }
    return new ConvWeights(w, b, outChannels, inChannelsPerGroup, kernel, groups);
  }
}

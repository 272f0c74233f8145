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

  /** Two convolutions after {@link #equalize}. */
  public record Equalized(ConvWeights first, ConvWeights next) {}

  /**
   * Cross-layer equalisation (Nagel et al., "Data-Free Quantization Through Weight Equalization and
   * Bias Correction", 2019) of {@code first} and {@code next}, which reads first's output through a
   * ReLU: first's output channel c divided by s_c, next's input channel c multiplied by it, with
   * s_c = sqrt(r1_c / r2_c) for the two channels' largest weights r1_c and r2_c. Since ReLU(x / s)
   * = ReLU(x) / s for s &gt; 0, the pair computes what it did (to rounding); each channel now spans
   * the same range in both, so one channel's large weights no longer take the 8 bits of the
   * activation that all channels share. Channels with no weights either side stay.
   */
  public static Equalized equalize(ConvWeights first, ConvWeights next) {
    if (first.groups != 1 || next.groups != 1 || next.inChannelsPerGroup != first.outChannels) {
      throw new IllegalArgumentException(
          "only a plain convolution into another reading all its "
              + first.outChannels
              + " channels can be equalised");
    }
    int mid = first.outChannels;
    int perRow = first.weight.length / mid;
    int perTap = next.kernel * next.kernel;
    float[] w1 = first.weight.clone();
    float[] b1 = first.bias.clone();
    float[] w2 = next.weight.clone();
    for (int c = 0; c < mid; c++) {
      double r1 = 0;
      for (int k = c * perRow; k < (c + 1) * perRow; k++) {
        r1 = Math.max(r1, Math.abs(w1[k]));
      }
      double r2 = 0;
      for (int o = 0; o < next.outChannels; o++) {
        for (int k = (o * mid + c) * perTap; k < (o * mid + c + 1) * perTap; k++) {
          r2 = Math.max(r2, Math.abs(w2[k]));
        }
      }
      if (!(r1 > 0 && r2 > 0)) {
        continue;
      }
      double s = Math.sqrt(r1 / r2);
      for (int k = c * perRow; k < (c + 1) * perRow; k++) {
        w1[k] = (float) (w1[k] / s);
      }
      b1[c] = (float) (b1[c] / s);
      for (int o = 0; o < next.outChannels; o++) {
        for (int k = (o * mid + c) * perTap; k < (o * mid + c + 1) * perTap; k++) {
          w2[k] = (float) (w2[k] * s);
        }
      }
    }
    return new Equalized(
        new ConvWeights(w1, b1, mid, first.inChannelsPerGroup, first.kernel, 1),
        new ConvWeights(w2, next.bias.clone(), next.outChannels, mid, next.kernel, 1));
  }
}

package org.facesearch.model.onnx;

/**
 * How a tensor's values map onto uint8: {@code value = scale * (q - zeroPoint)}, so the range
 * {@code [-scale * zeroPoint, scale * (255 - zeroPoint)]} is what 8 bits can hold.
 */
public record ActivationRange(float scale, int zeroPoint) {
  public ActivationRange {
    if (!(scale > 0) || !Float.isFinite(scale)) {
      throw new IllegalArgumentException("a quantisation scale is positive, got " + scale);
    }
    if (zeroPoint < 0 || zeroPoint > 255) {
      throw new IllegalArgumentException("a uint8 zero point lies in 0..255, got " + zeroPoint);
    }
  }

  /**
   * No range is narrower: a ReLU that was never positive on the calibration faces still gets a
   * usable scale, and the int32 bias of the convolution reading it (bias / (input scale * weight
   * scale)) cannot overflow.
   */
  public static final double MIN_SPAN = 1e-2;

  /**
   * The range that holds {@code [min, max]} (widened to include zero, which must be exact: padding
   * and ReLU produce it), at least {@link #MIN_SPAN} wide.
   */
  public static ActivationRange covering(double min, double max) {
    double lo = Math.min(0, min);
    double hi = Math.max(0, max);
    if (hi - lo < MIN_SPAN) {
      hi = lo + MIN_SPAN;
    }
    double scale = (hi - lo) / 255;
    int zero = (int) Math.round(-lo / scale);
    return new ActivationRange((float) scale, Math.max(0, Math.min(255, zero)));
  }
}

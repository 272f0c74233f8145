package org.facesearch.data.sample;

/**
 * How strongly {@link Augmenter} distorts a crop. The random resized crop keeps a fraction {@code
 * minScale..maxScale} of the area at an aspect ratio {@code minRatio..maxRatio}; the colour
 * strengths follow torchvision's ColorJitter (a factor drawn from [1-s, 1+s], hue a shift of up to
 * {@code hue} of a full turn).
 */
public record AugmentationConfig(
    double minScale,
    double maxScale,
    double minRatio,
    double maxRatio,
    double maxRotationDegrees,
    double flipProbability,
    double brightness,
    double contrast,
    double saturation,
    double hue) {

  /**
   * SimCLR's recipe (torchvision defaults: scale 0.08..1, ratio 3/4..4/3) plus rotation up to 20
   * degrees.
   */
  public static final AugmentationConfig SIMCLR =
      new AugmentationConfig(0.08, 1.0, 3.0 / 4, 4.0 / 3, 20, 0.5, 0.4, 0.4, 0.4, 0.1);

  /** Leaves crops unchanged. */
  public static final AugmentationConfig NONE =
      new AugmentationConfig(1, 1, 1, 1, 0, 0, 0, 0, 0, 0);

  public AugmentationConfig {
    check(
        minScale > 0 && minScale <= maxScale && maxScale <= 1,
        "scale must satisfy 0 < min <= max <= 1",
        minScale,
        maxScale);
    check(
        minRatio > 0 && minRatio <= maxRatio,
        "aspect ratio must satisfy 0 < min <= max",
        minRatio,
        maxRatio);
    check(
        maxRotationDegrees >= 0 && maxRotationDegrees <= 180,
        "rotation must be 0..180 degrees",
        maxRotationDegrees,
        maxRotationDegrees);
    check(
        flipProbability >= 0 && flipProbability <= 1,
        "flip probability must be 0..1",
        flipProbability,
        flipProbability);
    check(
        brightness >= 0 && contrast >= 0 && saturation >= 0,
        "colour strengths must not be negative",
        brightness,
        saturation);
    check(hue >= 0 && hue <= 0.5, "hue must be 0..0.5", hue, hue);
  }

  /** The same recipe with a milder (or harsher) crop area range. */
  public AugmentationConfig withScale(double min, double max) {
    return new AugmentationConfig(
        min,
        max,
        minRatio,
        maxRatio,
        maxRotationDegrees,
        flipProbability,
        brightness,
        contrast,
        saturation,
        hue);
  }

  private static void check(boolean ok, String rule, double a, double b) {
    if (!ok) {
      throw new IllegalArgumentException(
          "augmentation " + rule + ", got " + a + (a == b ? "" : " and " + b));
    }
  }
}

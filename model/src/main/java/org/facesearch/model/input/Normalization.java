package org.facesearch.model.input;

import java.util.List;
import java.util.Objects;

/**
 * Per-channel standardisation of pixels in [0, 1]: {@code (p - mean[c]) / std[c]}. Recorded in each
 * model bundle, because a model only works with the normalisation it was trained with.
 *
 * @param mean one value per channel
 * @param std one positive value per channel
 */
public record Normalization(List<Float> mean, List<Float> std) {
  /** ImageNet statistics, the usual choice for ResNets. */
  public static final Normalization IMAGENET_RGB =
      new Normalization(List.of(0.485f, 0.456f, 0.406f), List.of(0.229f, 0.224f, 0.225f));

  /** Maps [0, 1] to [-1, 1] in colour. */
  public static final Normalization HALF_RGB =
      new Normalization(List.of(0.5f, 0.5f, 0.5f), List.of(0.5f, 0.5f, 0.5f));

  /** Maps [0, 1] to [-1, 1] in grey. */
  public static final Normalization HALF_GREY = new Normalization(List.of(0.5f), List.of(0.5f));

  public Normalization {
    mean = List.copyOf(Objects.requireNonNull(mean, "mean"));
    std = List.copyOf(Objects.requireNonNull(std, "std"));
    if (mean.isEmpty() || mean.size() != std.size()) {
      throw new IllegalArgumentException(
          "normalisation needs one mean and one std per channel, got "
              + mean.size()
              + " means and "
              + std.size()
              + " stds");
    }
    for (float s : std) {
      if (!(s > 0) || Float.isInfinite(s)) {
        throw new IllegalArgumentException("normalisation std must be positive and finite: " + std);
      }
    }
    for (float m : mean) {
      if (!Float.isFinite(m)) {
        throw new IllegalArgumentException("normalisation mean must be finite: " + mean);
      }
    }
  }

  public int channels() {
    return mean.size();
  }
}

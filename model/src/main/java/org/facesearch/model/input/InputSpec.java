package org.facesearch.model.input;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Objects;
import org.facesearch.data.image.FaceCrop;
import org.facesearch.data.image.Preprocessing;

/**
 * Everything between a decoded image and a model's input tensor: the crop/colour/resize of {@link
 * Preprocessing}, then {@link Normalization}. Trainer and embedders build tensors only here.
 */
public record InputSpec(Preprocessing preprocessing, Normalization normalization) {

  public InputSpec {
    Objects.requireNonNull(preprocessing, "preprocessing");
    Objects.requireNonNull(normalization, "normalization");
    if (normalization.channels() != preprocessing.color().channels()) {
      throw new IllegalArgumentException(
          "normalisation has "
              + normalization.channels()
              + " channels but "
              + preprocessing.color()
              + " crops have "
              + preprocessing.color().channels());
    }
  }

  public int channels() {
    return preprocessing.color().channels();
  }

  public int size() {
    return preprocessing.size();
  }

  /**
   * The normalised batch (N, C, size, size) on {@code manager}'s device. Every crop must have this
   * spec's channels and size: a crop prepared for another model is an error, not resized.
   */
  public NDArray tensor(NDManager manager, List<FaceCrop> crops) {
    if (crops.isEmpty()) {
      throw new IllegalArgumentException("no crops to turn into a tensor");
    }
    int channels = channels();
    int size = size();
    int plane = size * size;
    float[] values = new float[crops.size() * channels * plane];
    float[] scale = new float[channels];
    float[] shift = new float[channels];
    for (int c = 0; c < channels; c++) {
      // (p / 255 - mean) / std as one multiply-add per pixel.
      scale[c] = 1f / (255f * normalization.std().get(c));
      shift[c] = -normalization.mean().get(c) / normalization.std().get(c);
    }
    for (int i = 0; i < crops.size(); i++) {
      FaceCrop crop = crops.get(i);
      if (crop.channels() != channels || crop.height() != size || crop.width() != size) {
        throw new IllegalArgumentException(
            "crop "
                + i
                + " is "
                + crop.channels()
                + "x"
                + crop.height()
                + "x"
                + crop.width()
                + " but this model takes "
                + channels
                + "x"
                + size
                + "x"
                + size
                + " ("
                + preprocessing
                + ")");
      }
      byte[] pixels = crop.pixels();
      int base = i * channels * plane;
      for (int c = 0; c < channels; c++) {
        for (int p = c * plane, end = p + plane; p < end; p++) {
          values[base + p] = (pixels[p] & 0xFF) * scale[c] + shift[c];
        }
      }
    }
    return manager.create(values, new Shape(crops.size(), channels, size, size));
  }
}

package org.facesearch.data.image;

import java.util.Objects;

/**
 * A face at model resolution: 8-bit pixels in channel-major order (CHW), RGB or grey. Eight bits
 * keep the preprocessed cache compact; models normalise to floats themselves.
 */
public record FaceCrop(int channels, int height, int width, byte[] pixels) {

  public FaceCrop {
    if (channels != 1 && channels != 3) {
      throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
    }
    if (height <= 0 || width <= 0) {
      throw new IllegalArgumentException("size must be positive, got " + width + "x" + height);
    }
    Objects.requireNonNull(pixels, "pixels");
    if (pixels.length != channels * height * width) {
      throw new IllegalArgumentException(
          "expected "
              + channels * height * width
              + " pixels for "
              + channels
              + "x"
              + height
              + "x"
              + width
              + ", got "
              + pixels.length);
    }
  }

  /** The value of one pixel, 0..255. */
  public int pixel(int channel, int y, int x) {
    return pixels[(channel * height + y) * width + x] & 0xFF;
  }

  /** This face mirrored left to right (what test-time flipping and mirrored targets see). */
  public FaceCrop mirrored() {
    byte[] out = new byte[pixels.length];
    for (int row = 0; row < channels * height; row++) {
      int start = row * width;
      for (int x = 0; x < width; x++) {
        out[start + x] = pixels[start + width - 1 - x];
      }
    }
    return new FaceCrop(channels, height, width, out);
  }

  /**
   * {@code weight} of this face over {@code 1 - weight} of {@code other}, pixel by pixel (rounded):
   * a mixup blend. Blending commutes with resizing (both are linear), so blends of one face's crops
   * at two sizes are the same picture at two sizes, up to rounding.
   */
  public FaceCrop blend(FaceCrop other, float weight) {
    if (other.channels != channels || other.height != height || other.width != width) {
      throw new IllegalArgumentException(
          "cannot blend a "
              + channels
              + "x"
              + height
              + "x"
              + width
              + " crop with a "
              + other.channels
              + "x"
              + other.height
              + "x"
              + other.width
              + " one");
    }
    if (!(weight >= 0 && weight <= 1)) {
      throw new IllegalArgumentException("a blend's weight is in [0, 1], got " + weight);
    }
    byte[] out = new byte[pixels.length];
    for (int i = 0; i < out.length; i++) {
      out[i] =
          (byte) Math.round(weight * (pixels[i] & 0xFF) + (1 - weight) * (other.pixels[i] & 0xFF));
    }
    return new FaceCrop(channels, height, width, out);
  }

  /** Pixels as floats in [0, 1], CHW: what a model's input tensor is built from. */
  public float[] toUnitFloats() {
    float[] out = new float[pixels.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (pixels[i] & 0xFF) / 255f;
    }
    return out;
  }
}

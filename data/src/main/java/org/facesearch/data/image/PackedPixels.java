package org.facesearch.data.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * An image's pixels as packed {@code 0x??RRGGBB} ints, row by row, for copying into native code.
 */
public final class PackedPixels {
  private PackedPixels() {}

  /**
   * The pixels of {@code image}, top row first. ImageDecoder's images are {@code TYPE_INT_RGB}:
   * their own array is returned, not a copy (so callers must only read it), sparing the per-pixel
   * trip through the colour model that {@code getRGB} makes; any other image is converted by {@code
   * getRGB} (alpha in the top byte).
   */
  public static int[] of(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    return image.getType() == BufferedImage.TYPE_INT_RGB
            && image.getRaster().getDataBuffer() instanceof DataBufferInt ints
            && image.getRaster().getParent() == null
            && ints.getSize() == w * h
        ? ints.getData()
        : image.getRGB(0, 0, w, h, null, 0, w);
  }
}

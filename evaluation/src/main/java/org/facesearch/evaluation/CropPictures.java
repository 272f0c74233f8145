package org.facesearch.evaluation;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import org.facesearch.data.image.FaceCrop;

/** Face crops as pictures for the report's figures. */
final class CropPictures {
  private CropPictures() {}

  /**
   * A crop as an RGB image no larger than {@code size} pixels square. Bilinear scaling by at most
   * half at a time keeps large crops (128 pixels) from aliasing.
   */
  static BufferedImage scaled(FaceCrop crop, int size) {
    BufferedImage image =
        new BufferedImage(crop.width(), crop.height(), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < crop.height(); y++) {
      for (int x = 0; x < crop.width(); x++) {
        int r = crop.pixel(0, y, x);
        int g = crop.channels() == 3 ? crop.pixel(1, y, x) : r;
        int b = crop.channels() == 3 ? crop.pixel(2, y, x) : r;
        image.setRGB(x, y, (r << 16) | (g << 8) | b);
      }
    }
    while (image.getWidth() > size) {
      int next = Math.max(size, image.getWidth() / 2);
      BufferedImage smaller = new BufferedImage(next, next, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = smaller.createGraphics();
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(image, 0, 0, next, next, null);
      g.dispose();
      image = smaller;
    }
    return image;
  }
}

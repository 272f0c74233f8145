package org.facesearch.web;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Images made by tests: ones without faces and ones too large to decode. */
final class TestImages {
  private TestImages() {}

  /** A valid PNG of a plain wall: no face in it. */
  static byte[] blankWall() {
    return png(new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB), new Color(180, 170, 150));
  }

  /** A small file whose header claims more pixels than the decoder accepts. */
  static byte[] hugeDimensions() {
    return png(new BufferedImage(9_000, 8, BufferedImage.TYPE_BYTE_GRAY), Color.GRAY);
  }

  /** A real GIF: an image, but not a format facesearch reads. */
  static byte[] gif() {
    BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
    return encode(image, "gif");
  }

  private static byte[] png(BufferedImage image, Color fill) {
    Graphics2D g = image.createGraphics();
    g.setColor(fill);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    g.dispose();
    return encode(image, "png");
  }

  private static byte[] encode(BufferedImage image, String format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, format, out)) {
        throw new IllegalStateException("no ImageIO writer for " + format);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}

package org.facesearch.searcher;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.facesearch.data.face.Photo;

/** Photos made by tests. */
final class TestPhotos {
  private TestPhotos() {}

  /** A photo of a plain wall: a valid PNG without a face. */
  static Photo blankWall(String name) {
    BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(new Color(180, 170, 150));
    g.fillRect(0, 0, 320, 240);
    g.dispose();
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", png);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Photo(name, png.toByteArray());
  }
}

package org.facesearch.indexer;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * Bytes to an RGB image, for gallery files and user photos alike. Stands in for the data module's
 * {@code ImageDecoder} until it is merged; this is the only place that has to change then.
 */
final class PhotoDecoder {
  private PhotoDecoder() {}

  /**
   * Decodes {@code photo}.
   *
   * @throws UnreadablePhotoException naming the photo when it is empty, not an image, or corrupt
   */
  static BufferedImage decode(Photo photo) {
    if (photo.bytes().length == 0) {
      throw new UnreadablePhotoException("cannot read " + photo.name() + ": the file is empty");
    }
    BufferedImage decoded;
    try {
      decoded = ImageIO.read(new ByteArrayInputStream(photo.bytes()));
    } catch (IOException | RuntimeException e) {
      throw new UnreadablePhotoException(
          "cannot read " + photo.name() + ": corrupt image data (" + e.getMessage() + ")", e);
    }
    if (decoded == null) {
      throw new UnreadablePhotoException("cannot read " + photo.name() + ": not a JPEG or PNG image");
    }
    if (decoded.getType() == BufferedImage.TYPE_INT_RGB) {
      return decoded;
    }
    BufferedImage rgb = new BufferedImage(decoded.getWidth(), decoded.getHeight(), BufferedImage.TYPE_INT_RGB);
    rgb.getGraphics().drawImage(decoded, 0, 0, null);
    return rgb;
  }
}

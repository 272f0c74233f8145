package org.facesearch.indexer;

import java.awt.image.BufferedImage;
import java.util.Objects;
import org.facesearch.data.detect.FaceBox;
import org.facesearch.data.image.CropBox;

/**
 * A user's photo turned into a 250x250 image framed like LFW's, so {@code Preprocessing} crops it
 * exactly as it crops gallery images; {@code face} is where the face was in the original photo.
 */
public record FramedFace(BufferedImage image, FaceBox face) {
  public FramedFace {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(face, "face");
    if (image.getWidth() != CropBox.FRAME || image.getHeight() != CropBox.FRAME) {
      throw new IllegalArgumentException(
          "a framed face is "
              + CropBox.FRAME
              + "x"
              + CropBox.FRAME
              + ", got "
              + image.getWidth()
              + "x"
              + image.getHeight());
    }
  }
}

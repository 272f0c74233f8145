package org.facesearch.data.face;

import java.awt.image.BufferedImage;
import java.util.Objects;
import org.facesearch.data.detect.DetectedFace;
import org.facesearch.data.detect.DetectorKind;
import org.facesearch.data.detect.FaceBox;
import org.facesearch.data.image.CropBox;

/**
 * A user's photo turned into a 250x250 image framed like LFW's, so {@code Preprocessing} crops it
 * exactly as it crops gallery images.
 *
 * @param detection where the face was in the original photo: box, score and (BlazeFace) landmarks
 * @param detector which detector found it
 * @param photo the decoded photo it was found in, for a model that aligns the face its own way (its
 *     {@code FaceAlignment} warps the photo's pixels once instead of the frame's)
 */
public record FramedFace(
    BufferedImage image, DetectedFace detection, DetectorKind detector, BufferedImage photo) {
  public FramedFace {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(detection, "detection");
    Objects.requireNonNull(detector, "detector");
    Objects.requireNonNull(photo, "photo");
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

  /** Where the face was in the original photo. */
  public FaceBox face() {
    return detection.box();
  }
}

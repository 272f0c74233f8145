package org.facesearch.data.face;

import java.awt.image.BufferedImage;
import java.util.Objects;
import java.util.function.Supplier;
import org.facesearch.data.detect.DetectedFace;
import org.facesearch.data.detect.DetectorKind;
import org.facesearch.data.detect.FaceBox;
import org.facesearch.data.image.CropBox;

/**
 * A face found in a user's photo, with the photo turned into a 250x250 image framed like LFW's
 * ({@link #image()}), so {@code Preprocessing} crops it exactly as it crops gallery images.
 *
 * <p>{@link FaceReader} frames a face on the first call to {@link #image()}, not when it finds it:
 * a model that aligns the face from the photo itself never needs the frame, and of a group photo's
 * faces only the one searched for is shown. The frame is made once, whichever thread asks first;
 * the face is otherwise immutable.
 */
public final class FramedFace {
  private final DetectedFace detection;
  private final DetectorKind detector;
  private final BufferedImage photo;
  private final Supplier<BufferedImage> framing;
  private volatile BufferedImage image;

  /**
   * A face already framed, e.g. an LFW image as it is.
   *
   * @param image the face framed like LFW: 250x250
   * @param detection where the face was in the original photo: box, score and (BlazeFace) landmarks
   * @param detector which detector found it
   * @param photo the decoded photo it was found in, for a model that aligns the face its own way
   *     (its {@code FaceAlignment} warps the photo's pixels once instead of the frame's)
   */
  public FramedFace(
      BufferedImage image, DetectedFace detection, DetectorKind detector, BufferedImage photo) {
    this(detection, detector, photo, () -> image);
    this.image = checkFrame(Objects.requireNonNull(image, "image"));
  }

  /** A face that {@code framing} frames when {@link #image()} is first asked for. */
  FramedFace(
      DetectedFace detection,
      DetectorKind detector,
      BufferedImage photo,
      Supplier<BufferedImage> framing) {
    this.detection = Objects.requireNonNull(detection, "detection");
    this.detector = Objects.requireNonNull(detector, "detector");
    this.photo = Objects.requireNonNull(photo, "photo");
    this.framing = Objects.requireNonNull(framing, "framing");
  }

  /** The face framed like LFW (250x250), made on first use. */
  public BufferedImage image() {
    BufferedImage framed = image;
    if (framed == null) {
      synchronized (this) {
        framed = image;
        if (framed == null) {
          framed = checkFrame(framing.get());
          image = framed;
        }
      }
    }
    return framed;
  }

  /** Where the face was in the original photo: box, score and (BlazeFace) landmarks. */
  public DetectedFace detection() {
    return detection;
  }

  /** Which detector found the face. */
  public DetectorKind detector() {
    return detector;
  }

  /** The decoded photo the face was found in. */
  public BufferedImage photo() {
    return photo;
  }

  /** Where the face was in the original photo. */
  public FaceBox face() {
    return detection.box();
  }

  private static BufferedImage checkFrame(BufferedImage image) {
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
    return image;
  }

  @Override
  public String toString() {
    return "FramedFace[" + detection + ", " + detector + "]";
  }
}

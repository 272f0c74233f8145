package org.facesearch.data.align;

import java.awt.image.BufferedImage;
import java.util.Objects;
import java.util.Optional;
import org.facesearch.data.detect.DetectedFace;
import org.facesearch.data.detect.DetectorKind;

/**
 * How a model that wants its faces aligned to its own template gets them from a face in LFW's
 * 250x250 framing: gallery images (which are in that framing already) and user photos (which {@code
 * FaceReader} frames that way) go through this one step, so both are aligned alike.
 *
 * <p>Implementations hold native models: close them. {@link #align} may be called from several
 * threads at once.
 */
public interface FaceAlignment extends AutoCloseable {

  /**
   * Names everything that decides the aligned pixels (detector, landmark finder, template, size):
   * crop caches and model ids are keyed by it, so changing any of them never reuses old crops.
   */
  String id();

  /** The side of the square aligned image. */
  int size();

  /** The face of {@code framed} (an image in LFW's 250x250 framing) aligned to the template. */
  Aligned align(BufferedImage framed);

  /**
   * The face a {@code detector} found at {@code face} in {@code photo} aligned to the template
   * straight from the photo's pixels, without detecting it again: what {@link #align} does with the
   * face it detects in a frame, for a caller that knows where the face is already (a user's photo,
   * read by {@code FaceReader}). For a gallery image that is the same detection on the same pixels,
   * so a query with it gives exactly the gallery's vector; going through the frame would resample
   * the face twice and detect it a second time.
   *
   * @return empty when this alignment cannot use {@code detector}'s detections (another detector's
   *     boxes are not what its landmarks were fitted on, or it aligns from frames only); the caller
   *     then frames the face and calls {@link #align}
   */
  default Optional<Aligned> alignDetected(
      BufferedImage photo, DetectedFace face, DetectorKind detector) {
    return Optional.empty();
  }

  @Override
  void close();

  /**
   * An aligned face.
   *
   * @param image the {@link #size()}-square image
   * @param fellBack true when no face was found and the image is the fixed framing instead (LFW
   *     images are centred on their face, so that is the best guess left)
   */
  record Aligned(BufferedImage image, boolean fellBack) {
    public Aligned {
      Objects.requireNonNull(image, "image");
    }
  }
}

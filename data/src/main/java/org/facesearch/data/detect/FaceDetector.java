package org.facesearch.data.detect;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Finds faces in a photo. Implementations: {@link BlazeFaceDetector} (the default; boxes, scores
 * and six landmarks) and {@link HaarDetector} (OpenCV's cascade; boxes only). {@link DetectorKind}
 * names them for the command line; a new detector is one more implementation and one more kind.
 *
 * <p>Detectors hold native resources: close them.
 */
public interface FaceDetector extends AutoCloseable {

  /**
   * The faces in an image, largest first (only the largest with {@link
   * DetectorOptions.Selection#LARGEST}), or {@link Detection.NoFaceFound}. Coordinates are the
   * image's pixels.
   */
  Detection detect(BufferedImage image);

  /**
   * As {@link #detect(BufferedImage)}, asking for every face or only the largest whatever the
   * options say. Only the largest is what a search reads from a photo, and a detector may find it
   * with less work than every face (BlazeFace stops at the first scale with a sure face).
   */
  default Detection detect(BufferedImage image, DetectorOptions.Selection selection) {
    Detection found = detect(image);
    return selection == DetectorOptions.Selection.LARGEST
            && found instanceof Detection.FacesFound faces
        ? new Detection.FacesFound(List.of(faces.largest()))
        : found;
  }

  DetectorOptions options();

  /** Which detector this is, for messages, JSON and cache keys. */
  DetectorKind kind();

  /** Releases the native model; {@link #detect} fails afterwards. */
  @Override
  void close();
}

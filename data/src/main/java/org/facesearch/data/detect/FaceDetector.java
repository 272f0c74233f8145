package org.facesearch.data.detect;

import java.awt.image.BufferedImage;

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

  DetectorOptions options();

  /** Which detector this is, for messages, JSON and cache keys. */
  DetectorKind kind();

  /** Releases the native model; {@link #detect} fails afterwards. */
  @Override
  void close();
}

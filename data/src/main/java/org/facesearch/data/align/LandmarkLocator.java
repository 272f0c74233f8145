package org.facesearch.data.align;

import java.awt.image.BufferedImage;
import java.util.List;
import org.facesearch.data.detect.DetectedFace;
import org.facesearch.data.detect.ImagePoint;

/**
 * Finds a detected face's alignment points: the detector's own landmarks, or a landmark network run
 * on the detector's box. The points come in a fixed order that a {@link LandmarkAlignment}'s
 * targets follow.
 */
public interface LandmarkLocator extends AutoCloseable {

  /** Names the locator in {@link FaceAlignment#id()}s; changes whenever its points would. */
  String id();

  /**
   * The points of {@code face} in {@code image}'s pixels, in this locator's order.
   *
   * @throws IllegalArgumentException when the face lacks what the locator needs (e.g. landmarks)
   */
  List<ImagePoint> locate(BufferedImage image, DetectedFace face);

  /** Frees native memory; nothing by default. */
  @Override
  default void close() {}

  /** The detector's own landmarks named by {@code template}, in the template's order. */
  static LandmarkLocator detectorLandmarks(FaceTemplate template) {
    return new LandmarkLocator() {
      @Override
      public String id() {
        return "detector-landmarks:" + String.join(",", template.points().keySet());
      }

      @Override
      public List<ImagePoint> locate(BufferedImage image, DetectedFace face) {
        return template.sources(
            face.landmarks()
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "the detector gave no landmarks for the face at " + face.box())));
      }
    };
  }
}

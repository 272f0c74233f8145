package org.facesearch.data.detect;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * BlazeFace's six key points in the image's pixels. "Right" and "left" are the person's own: in an
 * upright frontal photo the right eye appears on the image's left (smaller x). FaceDetectorTest
 * checks this on LFW images.
 */
public record FaceLandmarks(
    ImagePoint rightEye,
    ImagePoint leftEye,
    ImagePoint noseTip,
    ImagePoint mouthCentre,
    ImagePoint rightEarTragion,
    ImagePoint leftEarTragion) {

  /** The names of the points in {@link #points()}'s order, which is BlazeFace's output order. */
  public static final List<String> NAMES =
      List.of("rightEye", "leftEye", "noseTip", "mouthCentre", "rightEarTragion", "leftEarTragion");

  public FaceLandmarks {
    Objects.requireNonNull(rightEye, "rightEye");
    Objects.requireNonNull(leftEye, "leftEye");
    Objects.requireNonNull(noseTip, "noseTip");
    Objects.requireNonNull(mouthCentre, "mouthCentre");
    Objects.requireNonNull(rightEarTragion, "rightEarTragion");
    Objects.requireNonNull(leftEarTragion, "leftEarTragion");
  }

  /** Six points in {@link #NAMES}' order. */
  public static FaceLandmarks of(List<ImagePoint> points) {
    if (points.size() != NAMES.size()) {
      throw new IllegalArgumentException("BlazeFace gives 6 landmarks, got " + points.size());
    }
    return new FaceLandmarks(
        points.get(0), points.get(1), points.get(2), points.get(3), points.get(4), points.get(5));
  }

  public List<ImagePoint> points() {
    return List.of(rightEye, leftEye, noseTip, mouthCentre, rightEarTragion, leftEarTragion);
  }

  /** Name to point, in {@link #NAMES}' order (how JSON shows them). */
  public Map<String, ImagePoint> named() {
    Map<String, ImagePoint> named = new LinkedHashMap<>();
    List<ImagePoint> points = points();
    for (int i = 0; i < NAMES.size(); i++) {
      named.put(NAMES.get(i), points.get(i));
    }
    return Collections.unmodifiableMap(named);
  }

  /** The point named {@code name} (one of {@link #NAMES}). */
  public ImagePoint point(String name) {
    int i = NAMES.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("no landmark named " + name + "; known: " + NAMES);
    }
    return points().get(i);
  }
}

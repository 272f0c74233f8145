package org.facesearch.data.detect;

import java.util.Objects;
import java.util.Optional;

/**
 * One face a detector found.
 *
 * @param box where the face is, in the image's pixels
 * @param score the detector's confidence in (0, 1]; 1 for detectors that give none (Haar)
 * @param landmarks the face's six key points, when the detector finds them (BlazeFace does, Haar
 *     does not); empty otherwise
 */
public record DetectedFace(FaceBox box, double score, Optional<FaceLandmarks> landmarks) {

  public DetectedFace {
    Objects.requireNonNull(box, "box");
    Objects.requireNonNull(landmarks, "landmarks");
    if (!(score > 0 && score <= 1)) {
      throw new IllegalArgumentException("a detection score is in (0, 1], got " + score);
    }
  }

  /** A face from a detector that reports only a box. */
  public static DetectedFace boxOnly(FaceBox box) {
    return new DetectedFace(box, 1, Optional.empty());
  }
}

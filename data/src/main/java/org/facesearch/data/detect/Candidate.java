package org.facesearch.data.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A raw detection before overlaps are merged: a score and a geometry vector {@code [cx, cy, w, h,
 * x0, y0, ... x5, y5]} (box centre and size, then the six key points) in image pixels. Keeping the
 * geometry as one vector is what lets {@link WeightedNms} blend boxes and key points alike.
 */
record Candidate(double score, double[] geometry) {

  static final int KEYPOINTS = 6;
  static final int LENGTH = 4 + 2 * KEYPOINTS;

  Candidate {
    if (geometry.length != LENGTH) {
      throw new IllegalArgumentException(
          "geometry has " + LENGTH + " values, got " + geometry.length);
    }
  }

  double cx() {
    return geometry[0];
  }

  double cy() {
    return geometry[1];
  }

  double width() {
    return geometry[2];
  }

  double height() {
    return geometry[3];
  }

  /** Intersection over union of the two boxes, on the unrounded geometry. */
  double iou(Candidate other) {
    double ix =
        Math.min(cx() + width() / 2, other.cx() + other.width() / 2)
            - Math.max(cx() - width() / 2, other.cx() - other.width() / 2);
    double iy =
        Math.min(cy() + height() / 2, other.cy() + other.height() / 2)
            - Math.max(cy() - height() / 2, other.cy() - other.height() / 2);
    if (ix <= 0 || iy <= 0) {
      return 0;
    }
    double inter = ix * iy;
    return inter / (width() * height() + other.width() * other.height() - inter);
  }

  /** The face as reported, its box rounded to whole pixels (at least one pixel wide). */
  DetectedFace toFace() {
    int x = (int) Math.round(cx() - width() / 2);
    int y = (int) Math.round(cy() - height() / 2);
    int w = Math.max(1, (int) Math.round(width()));
    int h = Math.max(1, (int) Math.round(height()));
    List<ImagePoint> points = new ArrayList<>();
    for (int k = 0; k < KEYPOINTS; k++) {
      points.add(new ImagePoint(geometry[4 + 2 * k], geometry[5 + 2 * k]));
    }
    double clamped = Math.min(1, Math.max(Double.MIN_VALUE, score));
    return new DetectedFace(
        new FaceBox(x, y, w, h), clamped, Optional.of(FaceLandmarks.of(points)));
  }
}

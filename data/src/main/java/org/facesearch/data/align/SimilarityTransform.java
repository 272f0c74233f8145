package org.facesearch.data.align;

import java.util.List;
import org.facesearch.data.detect.ImagePoint;

/**
 * A 2-D similarity: rotation, uniform scale and translation, {@code x' = a x - b y + tx, y' = b x +
 * a y + ty}. Faces are aligned with a similarity rather than a full affine map so the face is never
 * sheared or squashed to fit noisy landmarks.
 */
public record SimilarityTransform(double a, double b, double tx, double ty) {

  public SimilarityTransform {
    if (!(Double.isFinite(a) && Double.isFinite(b) && Double.isFinite(tx) && Double.isFinite(ty))
        || a * a + b * b == 0) {
      throw new IllegalArgumentException("not an invertible similarity: " + a + ", " + b);
    }
  }

  /**
   * The least-squares similarity taking {@code from} onto {@code to} (Umeyama's closed form without
   * reflection: centre both point sets, then the rotation-and-scale is the normalised
   * cross-covariance).
   *
   * @throws IllegalArgumentException for fewer than two pairs, or all {@code from} points equal
   */
  public static SimilarityTransform fit(List<ImagePoint> from, List<ImagePoint> to) {
    if (from.size() != to.size() || from.size() < 2) {
      throw new IllegalArgumentException(
          "a similarity needs at least two point pairs, got " + from.size() + " and " + to.size());
    }
    int n = from.size();
    double fx = 0, fy = 0, gx = 0, gy = 0;
    for (int i = 0; i < n; i++) {
      fx += from.get(i).x();
      fy += from.get(i).y();
      gx += to.get(i).x();
      gy += to.get(i).y();
    }
    fx /= n;
    fy /= n;
    gx /= n;
    gy /= n;
    double spread = 0, dot = 0, cross = 0;
    for (int i = 0; i < n; i++) {
      double px = from.get(i).x() - fx;
      double py = from.get(i).y() - fy;
      double qx = to.get(i).x() - gx;
      double qy = to.get(i).y() - gy;
      spread += px * px + py * py;
      dot += px * qx + py * qy;
      cross += px * qy - py * qx;
    }
    if (spread == 0) {
      throw new IllegalArgumentException("the source points all coincide: " + from);
    }
    double a = dot / spread;
    double b = cross / spread;
    return new SimilarityTransform(a, b, gx - (a * fx - b * fy), gy - (b * fx + a * fy));
  }

  public ImagePoint apply(ImagePoint p) {
    return new ImagePoint(a * p.x() - b * p.y() + tx, b * p.x() + a * p.y() + ty);
  }

  public SimilarityTransform inverse() {
    double s = a * a + b * b;
    double ia = a / s;
    double ib = -b / s;
    return new SimilarityTransform(ia, ib, -(ia * tx - ib * ty), -(ib * tx + ia * ty));
  }

  /** How much longer a distance is after the transform. */
  public double scale() {
    return Math.hypot(a, b);
  }

  /** The rotation in degrees, counter-clockwise on screen being negative (y points down). */
  public double rotationDegrees() {
    return Math.toDegrees(Math.atan2(b, a));
  }
}

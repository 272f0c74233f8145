package org.facesearch.data.detect;

/** A point in an image's pixel coordinates (x right, y down), sub-pixel. */
public record ImagePoint(double x, double y) {

  public ImagePoint {
    if (!Double.isFinite(x) || !Double.isFinite(y)) {
      throw new IllegalArgumentException(
          "a point needs finite coordinates, got (" + x + ", " + y + ")");
    }
  }

  public double distance(ImagePoint other) {
    return Math.hypot(x - other.x, y - other.y);
  }

  /** The point half way to {@code other}. */
  public ImagePoint midpoint(ImagePoint other) {
    return new ImagePoint((x + other.x) / 2, (y + other.y) / 2);
  }
}

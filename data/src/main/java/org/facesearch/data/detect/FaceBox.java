package org.facesearch.data.detect;

/** A detected face: an axis-aligned rectangle in the source image's pixels (x right, y down). */
public record FaceBox(int x, int y, int width, int height) {

  public FaceBox {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("a face box needs a positive size, got " + this);
    }
  }

  public long area() {
    return (long) width * height;
  }

  public double centerX() {
    return x + width / 2.0;
  }

  public double centerY() {
    return y + height / 2.0;
  }

  /** Intersection over union with another box: 1 for the same box, 0 when they do not overlap. */
  public double overlap(FaceBox other) {
    long ix = Math.max(0, Math.min(x + width, other.x + other.width) - Math.max(x, other.x));
    long iy = Math.max(0, Math.min(y + height, other.y + other.height) - Math.max(y, other.y));
    long intersection = ix * iy;
    return intersection / (double) (area() + other.area() - intersection);
  }

  @Override
  public String toString() {
    return width + "x" + height + "+" + x + "+" + y;
  }
}

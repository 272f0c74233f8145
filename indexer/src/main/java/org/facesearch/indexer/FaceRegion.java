package org.facesearch.indexer;

/** Where the face is in a user's photo, in that photo's pixels. */
public record FaceRegion(int x, int y, int width, int height) {
  public FaceRegion {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("a face region has a positive size, got " + width + "x" + height);
    }
  }
}

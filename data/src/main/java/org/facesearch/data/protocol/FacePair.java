package org.facesearch.data.protocol;

import java.util.Objects;

/**
 * Two photos and whether they show the same person. {@code fold} is 0..9 in {@code pairs.txt} and 0
 * in the single-fold development files.
 */
public record FacePair(ImageRef a, ImageRef b, boolean same, int fold) {
  public FacePair {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    if (fold < 0) {
      throw new IllegalArgumentException("fold must not be negative, got " + fold);
    }
  }
}

package org.facesearch.data.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What the detector saw in an image. Callers must handle {@link NoFaceFound}: the detector never
 * falls back to "the whole image is the face".
 */
public sealed interface Detection {

  /**
   * Faces sorted largest first (ties: top-most, then left-most), cut to the largest one when {@code
   * selection} asks for it.
   */
  static Detection of(List<DetectedFace> faces, DetectorOptions.Selection selection) {
    if (faces.isEmpty()) {
      return new NoFaceFound();
    }
    List<DetectedFace> sorted = new ArrayList<>(faces);
    sorted.sort(
        Comparator.comparingLong((DetectedFace f) -> f.box().area())
            .reversed()
            .thenComparingInt(f -> f.box().y())
            .thenComparingInt(f -> f.box().x()));
    return new FacesFound(
        selection == DetectorOptions.Selection.LARGEST ? sorted.subList(0, 1) : sorted);
  }

  /** One or more faces, largest first. */
  record FacesFound(List<DetectedFace> faces) implements Detection {
    public FacesFound {
      faces = List.copyOf(faces);
      if (faces.isEmpty()) {
        throw new IllegalArgumentException("FacesFound needs at least one face; use NoFaceFound");
      }
      for (int i = 1; i < faces.size(); i++) {
        if (faces.get(i).box().area() > faces.get(i - 1).box().area()) {
          throw new IllegalArgumentException("faces must be sorted largest first: " + faces);
        }
      }
    }

    public DetectedFace largest() {
      return faces.getFirst();
    }
  }

  /** No face of at least the minimum size was found. */
  record NoFaceFound() implements Detection {}
}

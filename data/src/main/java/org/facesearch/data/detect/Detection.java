package org.facesearch.data.detect;

import java.util.List;

/**
 * What the detector saw in an image. Callers must handle {@link NoFaceFound}: the detector never
 * falls back to "the whole image is the face".
 */
public sealed interface Detection {

  /** One or more faces, largest first. */
  record FacesFound(List<FaceBox> faces) implements Detection {
    public FacesFound {
      faces = List.copyOf(faces);
      if (faces.isEmpty()) {
        throw new IllegalArgumentException("FacesFound needs at least one face; use NoFaceFound");
      }
      for (int i = 1; i < faces.size(); i++) {
        if (faces.get(i).area() > faces.get(i - 1).area()) {
          throw new IllegalArgumentException("faces must be sorted largest first: " + faces);
        }
      }
    }

    public FaceBox largest() {
      return faces.getFirst();
    }
  }

  /** No face of at least the minimum size was found. */
  record NoFaceFound() implements Detection {}
}

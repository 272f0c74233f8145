package org.facesearch.data.detect.bench;

import java.nio.file.Path;
import java.util.Objects;
import org.facesearch.data.detect.FaceBox;

/**
 * One generated photo: an LFW face placed in a larger, cluttered scene.
 *
 * @param photo the generated JPEG
 * @param source the LFW image the face came from
 * @param face where the face is in the photo (see {@link PlacedFaces#FACE_IN_FRAME})
 * @param scale how much the LFW image was enlarged (below 1: shrunk)
 * @param degrees how far it was rotated, clockwise on screen
 */
public record PlacedFace(Path photo, Path source, FaceBox face, double scale, double degrees) {
  public PlacedFace {
    Objects.requireNonNull(photo, "photo");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(face, "face");
  }
}

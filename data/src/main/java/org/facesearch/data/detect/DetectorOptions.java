package org.facesearch.data.detect;

import java.util.Objects;

/**
 * How {@link FaceDetector} searches an image.
 *
 * @param minFaceSize smallest face to report, as a fraction of the image's shorter side (0..1]; the
 *     cascade's 20-pixel window is a floor below which nothing is found anyway
 * @param selection whether to report every face or only the largest
 */
public record DetectorOptions(double minFaceSize, Selection selection) {

  /** Every face at least a tenth of the image's shorter side. */
  public static final DetectorOptions DEFAULT = new DetectorOptions(0.1, Selection.ALL);

  /** Which of the faces found are reported. */
  public enum Selection {
    LARGEST,
    ALL
  }

  public DetectorOptions {
    Objects.requireNonNull(selection, "selection");
    if (!(minFaceSize > 0 && minFaceSize <= 1)) {
      throw new IllegalArgumentException(
          "minFaceSize is a fraction of the image's shorter side in (0, 1], got " + minFaceSize);
    }
  }

  public DetectorOptions withSelection(Selection newSelection) {
    return new DetectorOptions(minFaceSize, newSelection);
  }

  public DetectorOptions withMinFaceSize(double newMinFaceSize) {
    return new DetectorOptions(newMinFaceSize, selection);
  }
}

package org.facesearch.data;

import java.nio.file.Path;
import java.util.Objects;

/** One LFW photo: {@code <identity>/<identity>_<number as 4 digits>.jpg}. */
public record FaceImage(String identity, int number, Path path) {

  public FaceImage {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(path, "path");
    if (identity.isEmpty()) {
      throw new IllegalArgumentException("identity must not be empty");
    }
    if (number < 1) {
      throw new IllegalArgumentException(
          "image numbers start at 1, got " + number + " for " + identity);
    }
  }

  /** LFW's name for the photo, e.g. {@code Aaron_Eckhart_0001}: unique across the dataset. */
  public String key() {
    return key(identity, number);
  }

  /** e.g. {@code Aaron_Eckhart_0001.jpg}. */
  public String fileName() {
    return key() + ".jpg";
  }

  /**
   * LFW's name for {@code identity}'s photo number {@code number}, e.g. {@code Aaron_Eckhart_0001}.
   */
  public static String key(String identity, int number) {
    return identity + "_" + String.format("%04d", number);
  }
}

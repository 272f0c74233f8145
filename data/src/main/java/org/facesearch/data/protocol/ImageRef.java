package org.facesearch.data.protocol;

import java.util.Objects;
import org.facesearch.data.FaceImage;
import org.facesearch.data.LfwDataset;

/** A photo named by a protocol file: person and image number, not yet looked up on disk. */
public record ImageRef(String identity, int number) {

  public ImageRef {
    Objects.requireNonNull(identity, "identity");
    if (number < 1) {
      throw new IllegalArgumentException("image numbers start at 1, got " + number);
    }
  }

  /** e.g. {@code Aaron_Eckhart_0001}, as {@link FaceImage#key()}. */
  public String key() {
    return FaceImage.key(identity, number);
  }

  /**
   * The photo in {@code dataset}.
   *
   * @throws org.facesearch.data.ImageNotFoundException naming the missing photo
   */
  public FaceImage resolve(LfwDataset dataset) {
    return dataset.image(identity, number);
  }
}

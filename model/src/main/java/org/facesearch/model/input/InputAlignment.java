package org.facesearch.model.input;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a trained model's faces are aligned onto before its {@link InputSpec} crops them. Recorded
 * in {@code model.json}, so a gallery image, a user's photo and the training crops of one model go
 * through the same alignment.
 */
public enum InputAlignment {
  /**
   * LFW's deep-funneled 250x250 framing as it is (user photos are framed like it by the detector):
   * every model trained before alignments existed, whose bundles name none.
   */
  NONE("none"),
  /**
   * dlib's own alignment, the one the reference {@code dlib-resnet} is fed: 68 landmarks on
   * BlazeFace's box, the 33 inner ones fitted onto dlib's mean face, a 150-pixel chip with padding
   * 0.25. A student distilled from that reference sees exactly its teacher's faces.
   */
  DLIB_LANDMARKS_68("dlib-landmarks68");

  private final String id;

  InputAlignment(String id) {
    this.id = id;
  }

  /** The name in {@code model.json} and on the command line. */
  public String id() {
    return id;
  }

  /** The alignment called {@code id}; an unknown one names the known ones. */
  public static InputAlignment fromId(String id) {
    for (InputAlignment a : values()) {
      if (a.id.equals(id.toLowerCase(Locale.ROOT))) {
        return a;
      }
    }
    throw new IllegalArgumentException(
        "unknown alignment '"
            + id
            + "'; known: "
            + Arrays.stream(values()).map(InputAlignment::id).collect(Collectors.joining(", ")));
  }
}

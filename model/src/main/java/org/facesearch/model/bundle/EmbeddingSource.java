package org.facesearch.model.bundle;

import java.util.Locale;

/** Which output of a network is the search embedding (always L2-normalised). */
public enum EmbeddingSource {
  /** The backbone's feature vector. */
  BACKBONE,
  /** The projection head's output. */
  HEAD;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static EmbeddingSource fromId(String id) {
    for (EmbeddingSource e : values()) {
      if (e.id().equals(id)) {
        return e;
      }
    }
    throw new IllegalArgumentException(
        "unknown embedding source '" + id + "'; known: backbone, head");
  }
}

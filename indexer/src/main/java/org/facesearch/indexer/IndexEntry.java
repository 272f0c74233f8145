package org.facesearch.indexer;

import java.util.Objects;

/** One image as it goes into an index: the image, the SHA-256 of its bytes, its embedding. */
public record IndexEntry(GalleryImage image, String sha256, float[] embedding, String modelId) {
  public IndexEntry {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(embedding, "embedding");
    Objects.requireNonNull(modelId, "modelId");
  }
}

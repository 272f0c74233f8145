package org.facesearch.indexer;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What to index and how: the LFW copy, the min-faces restriction, the HNSW parameters, and where
 * the model came from ({@code modelSource}: a bundle folder or a built-in model's name, recorded so
 * that later commands can load the same model without being told).
 */
public record BuildSettings(Path dataRoot, int minFaces, HnswParams hnsw, String modelSource) {
  public BuildSettings {
    Objects.requireNonNull(dataRoot, "dataRoot");
    Objects.requireNonNull(hnsw, "hnsw");
    Objects.requireNonNull(modelSource, "modelSource");
    if (minFaces < 1) {
      throw new IllegalArgumentException(
          "the minimum number of photos per person must be at least 1, got " + minFaces);
    }
  }

  /** The settings {@code build} was made with, so a rebuild reproduces it. */
  public static BuildSettings of(BuildManifest build) {
    return new BuildSettings(
        build.dataRootPath(), build.minFaces(), build.hnsw(), build.modelSource());
  }
}

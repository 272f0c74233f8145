package org.facesearch.indexer;

import java.nio.file.Path;
import java.util.Objects;

/** What to index and how: the LFW copy, the min-faces restriction, and the HNSW parameters. */
public record BuildSettings(Path dataRoot, int minFaces, HnswParams hnsw) {
  public BuildSettings {
    Objects.requireNonNull(dataRoot, "dataRoot");
    Objects.requireNonNull(hnsw, "hnsw");
    if (minFaces < 1) {
      throw new IllegalArgumentException("--min-faces must be at least 1, got " + minFaces);
    }
  }

  /** The settings {@code build} was made with, so a rebuild reproduces it. */
  public static BuildSettings of(BuildManifest build) {
    return new BuildSettings(build.dataRootPath(), build.minFaces(), build.hnsw());
  }
}

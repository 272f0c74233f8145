package org.facesearch.indexer;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What to index and how: the LFW copy, the min-faces restriction, the HNSW parameters, where the
 * model came from ({@code modelSource}: a bundle folder or a built-in model's name, recorded so
 * that later commands can load the same model without being told), and what embeds the gallery.
 */
public record BuildSettings(
    Path dataRoot, int minFaces, HnswParams hnsw, String modelSource, GalleryVectors gallery) {
  public BuildSettings {
    Objects.requireNonNull(dataRoot, "dataRoot");
    Objects.requireNonNull(hnsw, "hnsw");
    Objects.requireNonNull(modelSource, "modelSource");
    Objects.requireNonNull(gallery, "gallery");
    if (minFaces < 1) {
      throw new IllegalArgumentException(
          "the minimum number of photos per person must be at least 1, got " + minFaces);
    }
  }

  /** Settings whose gallery the model embeds, as its queries. */
  public BuildSettings(Path dataRoot, int minFaces, HnswParams hnsw, String modelSource) {
    this(dataRoot, minFaces, hnsw, modelSource, GalleryVectors.MODEL);
  }

  /** The settings {@code build} was made with, so a rebuild reproduces it. */
  public static BuildSettings of(BuildManifest build) {
    return new BuildSettings(
        build.dataRootPath(), build.minFaces(), build.hnsw(), build.modelSource(), build.gallery());
  }
}

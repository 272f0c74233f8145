package org.facesearch.indexer;

import java.util.List;
import java.util.Optional;
import org.facesearch.data.cache.CropCache;
import org.facesearch.model.Embedder;

/**
 * Rebuilds only when needed: when the model, the LFW data (its fingerprint or folder), the HNSW
 * parameters or what embeds the gallery differ from those the serving build was made with, when the
 * serving build was made before facesearch fitted look-alike calibrations (a build of a gallery too
 * small to fit one is up to date without one), or when forced. Then keeps the newest builds and
 * deletes older ones, never the serving build.
 */
public final class Reindexer {
  public static final int DEFAULT_KEEP = 3;

  private final GalleryIndex root;
  private final Embedder embedder;
  private final Embedder queries;
  private final CropCache cache;

  public Reindexer(GalleryIndex root, Embedder embedder, CropCache cache) {
    this(root, embedder, embedder, cache);
  }

  /**
   * A reindexer whose gallery {@code gallery} embeds, for {@code queries}; see {@link
   * IndexBuilder}.
   */
  public Reindexer(GalleryIndex root, Embedder gallery, Embedder queries, CropCache cache) {
    this.root = root;
    this.embedder = gallery;
    this.queries = queries;
    this.cache = cache;
  }

  /**
   * Rebuilds if needed (or {@code force}), then prunes to {@code keep} builds.
   *
   * @throws IndexBusyException if another build or enrolment is running on this index
   */
  public ReindexOutcome reindex(BuildSettings settings, boolean force, int keep) {
    if (keep < 1) {
      throw new IllegalArgumentException(
          "must keep at least 1 build (the serving one), got " + keep);
    }
    try (IndexLock held = root.lock()) {
      Gallery gallery = Gallery.load(settings.dataRoot(), settings.minFaces(), root.enrolled());
      Optional<Build> current = root.current();
      Optional<String> reason =
          force ? Optional.of("forced") : staleness(current, gallery, settings);
      if (reason.isEmpty()) {
        List<String> pruned = root.prune(keep);
        return new ReindexOutcome.UpToDate(current.orElseThrow(), pruned);
      }
      Build build = new IndexBuilder(root, embedder, queries, cache).build(held, gallery, settings);
      List<String> pruned = root.prune(keep);
      return new ReindexOutcome.Rebuilt(build, reason.get(), pruned);
    }
  }

  /** Why the serving build no longer matches, or empty when it does. */
  private Optional<String> staleness(
      Optional<Build> current, Gallery gallery, BuildSettings settings) {
    HnswParams hnsw = settings.hnsw();
    if (current.isEmpty()) {
      return Optional.of("no index yet");
    }
    BuildManifest built = current.get().manifest();
    if (!built.modelId().equals(embedder.modelId())) {
      return Optional.of("the model changed from " + built.modelId() + " to " + embedder.modelId());
    }
    if (!built.dataRoot().equals(gallery.dataRoot().toString())) {
      return Optional.of(
          "the data folder changed from " + built.dataRoot() + " to " + gallery.dataRoot());
    }
    if (built.minFaces() != gallery.minFaces()) {
      return Optional.of(
          "min-faces changed from " + built.minFaces() + " to " + gallery.minFaces());
    }
    if (!built.dataFingerprint().equals(gallery.fingerprint())) {
      return Optional.of("the LFW photos changed since the last build");
    }
    if (!built.hnsw().equals(hnsw)) {
      return Optional.of("the HNSW parameters changed from " + built.hnsw() + " to " + hnsw);
    }
    if (built.gallery() != settings.gallery()) {
      return Optional.of(
          "the gallery's vectors changed from the "
              + built.gallery().id()
              + "'s to the "
              + settings.gallery().id()
              + "'s");
    }
    if (built.predatesLookAlikes()) {
      return Optional.of(
          "the serving build was made before facesearch fitted look-alike calibrations");
    }
    return Optional.empty();
  }
}

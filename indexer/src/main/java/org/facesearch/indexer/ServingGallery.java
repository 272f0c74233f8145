package org.facesearch.indexer;

import java.util.List;
import java.util.Optional;

/**
 * The serving build, open for concurrent queries. Each query {@link #acquire}s a {@link Snapshot}
 * and {@link #release}s it; {@link #refresh} switches to a newer build (or picks up enrolments)
 * without failing any query in flight, which finishes on the snapshot it started with.
 */
public interface ServingGallery extends AutoCloseable {

  /** The snapshot a query would use now; the caller must {@link #release} it. */
  Snapshot acquire();

  void release(Snapshot snapshot);

  /**
   * Serves the build the index points to now, if it changed (or was enrolled into).
   *
   * @return whether another build (or a newer state of the same one) is now served
   * @throws ModelMismatchException if the new build was made with another model; the previous build
   *     keeps serving
   */
  boolean refresh();

  /** Closes the served build once its running queries finish. */
  @Override
  void close();

  /** One state of one build, as a query sees it. */
  interface Snapshot {
    Build build();

    /**
     * The {@code k} nearest images, best first, scored by exact cosine similarity.
     *
     * @param excludeSha256 leaves out gallery images with exactly these bytes
     */
    List<Neighbour> nearest(float[] embedding, int k, Optional<String> excludeSha256);

    /** Every image the snapshot holds, in no particular order; read once per snapshot. */
    List<IndexedImage> images();
  }
}

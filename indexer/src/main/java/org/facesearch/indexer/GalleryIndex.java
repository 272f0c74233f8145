package org.facesearch.indexer;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the gallery's versions (builds) are kept and served from: the embedded Lucene index in a
 * folder ({@link org.facesearch.indexer.lucene.IndexRoot}) or a search cluster. The build, verify,
 * switch and prune logic ({@link IndexBuilder}, {@link Reindexer}, {@link Enroller}) is written
 * once against this seam; an implementation only stores, switches and searches.
 *
 * <p>Every implementation also has a local home folder: enrolled people's photos are kept there
 * (thumbnails are served from it and every later build indexes them) and its lock serialises the
 * builds and enrolments started from this machine.
 */
public interface GalleryIndex {

  /** Where the builds are, for messages: a folder, or a cluster address and alias. */
  String location();

  /** The local home folder: {@code enrolled/} and the lock. */
  Path dir();

  /** Enrolled people's photos, kept in the home folder. */
  default EnrolledFolder enrolled() {
    return new EnrolledFolder(dir());
  }

  /** Takes the home folder's write lock; see {@link IndexLock}. */
  default IndexLock lock() {
    return IndexLock.acquire(dir());
  }

  /**
   * The serving build, or empty when nothing has been built yet.
   *
   * @throws InvalidIndexException if the serving pointer names a build that is not there
   */
  Optional<Build> current();

  /**
   * The serving build.
   *
   * @throws IndexNotFoundException if nothing has been built yet
   */
  default Build requireCurrent() {
    return current()
        .orElseThrow(
            () ->
                new IndexNotFoundException(
                    "no index at " + location() + ": nothing has been built there yet"));
  }

  /** Complete builds, oldest first (names start with their UTC time stamp). */
  List<Build> builds();

  /**
   * Starts a new, invisible build; it serves only once {@link NewBuild#publish} switches to it.
   * Leftovers of interrupted builds are removed first. Call under the lock.
   *
   * @throws IllegalArgumentException if the store cannot hold {@code dimension}-long vectors
   */
  NewBuild startBuild(String modelId, int dimension, HnswParams hnsw, Instant createdAt);

  /**
   * Adds enrolled images to {@code build} as one all-or-nothing change. {@code beforeVisible} runs
   * before the images become visible to queries (it puts the photos into place); if it throws,
   * nothing is added. Call under the lock.
   */
  void add(Build build, List<IndexEntry> entries, Runnable beforeVisible);

  /**
   * Deletes all but the newest {@code keep} builds, never the serving one. Call under the lock.
   *
   * @return the names of the deleted builds
   */
  List<String> prune(int keep);

  /**
   * Opens the serving build for queries by a model; see {@link ServingGallery}.
   *
   * @throws IndexNotFoundException if nothing has been built yet
   * @throws ModelMismatchException if the serving build was made with another model
   */
  ServingGallery serve(String modelId);
}

package org.facesearch.web;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicInteger;
import org.facesearch.data.face.FaceReader;
import org.facesearch.searcher.GallerySearcher;
import org.facesearch.searcher.LoadedModel;
import org.facesearch.searcher.Verifier;

/**
 * A model and, once an index exists, a searcher over it: what one request works with. Reference
 * counted like the searcher's builds, so swapping in an engine for a new model never closes the old
 * one under a request that is still using it.
 */
final class Engine {
  private final LoadedModel model;
  private final OptionalDouble threshold;
  private final Optional<GallerySearcher> searcher;
  private final Optional<Verifier> verifier;
  private final boolean ownsModel;
  private final AtomicInteger references = new AtomicInteger(1);

  /**
   * @param ownsModel close the model with the engine (false for a model shared across engines)
   */
  Engine(
      LoadedModel model,
      OptionalDouble threshold,
      Optional<GallerySearcher> searcher,
      FaceReader faces,
      boolean ownsModel) {
    this.model = model;
    this.ownsModel = ownsModel;
    this.threshold = threshold;
    this.searcher = searcher;
    this.verifier =
        threshold.isPresent()
            ? Optional.of(new Verifier(model.embedder(), faces, threshold.getAsDouble()))
            : Optional.empty();
  }

  LoadedModel model() {
    return model;
  }

  /** The verification threshold in use: the override given to the server, else the model's. */
  OptionalDouble threshold() {
    return threshold;
  }

  Optional<GallerySearcher> searcher() {
    return searcher;
  }

  Optional<Verifier> verifier() {
    return verifier;
  }

  boolean tryAcquire() {
    while (true) {
      int count = references.get();
      if (count <= 0) {
        return false;
      }
      if (references.compareAndSet(count, count + 1)) {
        return true;
      }
    }
  }

  /** Drops one reference; the last one closes the searcher (and the model if it owns it). */
  void release() {
    int left = references.decrementAndGet();
    if (left == 0) {
      searcher.ifPresent(GallerySearcher::close);
      if (ownsModel) {
        model.close();
      }
    } else if (left < 0) {
      throw new IllegalStateException(
          "engine for " + model.source() + " released more often than acquired");
    }
  }
}

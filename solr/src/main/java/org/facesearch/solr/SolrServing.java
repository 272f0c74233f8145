package org.facesearch.solr;

import java.util.List;
import java.util.Optional;
import org.facesearch.indexer.Build;
import org.facesearch.indexer.IndexedImage;
import org.facesearch.indexer.ModelMismatchException;
import org.facesearch.indexer.Neighbour;
import org.facesearch.indexer.ServingGallery;

/**
 * Queries go to the collection the alias named at the last refresh, not to the alias itself, so a
 * query's results and the build it reports always agree, and a build made with another model is
 * refused before any query reaches it. Nothing is held open per snapshot (Solr serves them), so
 * acquiring and releasing cost nothing; a snapshot whose collection was pruned meanwhile retries
 * once on the serving one.
 */
final class SolrServing implements ServingGallery {
  private final SolrGallery gallery;
  private final String modelId;
  private volatile Snap current;

  SolrServing(SolrGallery gallery, String modelId) {
    this.gallery = gallery;
    this.modelId = modelId;
    this.current = open(gallery.requireCurrent());
  }

  private Snap open(Build build) {
    if (!build.manifest().modelId().equals(modelId)) {
      throw new ModelMismatchException(build.manifest().modelId(), modelId, gallery.location());
    }
    return new Snap(build, gallery.count(build.location()));
  }

  @Override
  public Snapshot acquire() {
    return current;
  }

  @Override
  public void release(Snapshot snapshot) {}

  @Override
  public synchronized boolean refresh() {
    Build build = gallery.requireCurrent();
    Snap serving = current;
    if (build.location().equals(serving.build().location())
        && gallery.count(build.location()) == serving.images) {
      return false;
    }
    current = open(build);
    return true;
  }

  @Override
  public void close() {}

  private final class Snap implements Snapshot {
    private final Build build;
    private final long images;
    private List<IndexedImage> listing;

    Snap(Build build, long images) {
      this.build = build;
      this.images = images;
    }

    @Override
    public Build build() {
      return build;
    }

    @Override
    public List<Neighbour> nearest(float[] embedding, int k, Optional<String> excludeSha256) {
      try {
        return gallery.nearest(build.location(), embedding, k, excludeSha256);
      } catch (SolrUnavailableException e) {
        if (gallery.exists(build.location())) {
          throw e;
        }
        refresh();
        Snap serving = current;
        if (serving == this) {
          throw e;
        }
        return serving.nearest(embedding, k, excludeSha256);
      }
    }

    @Override
    public synchronized List<IndexedImage> images() {
      if (listing == null) {
        listing = List.copyOf(gallery.images(build.location()));
      }
      return listing;
    }
  }
}

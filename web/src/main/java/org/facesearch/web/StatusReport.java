package org.facesearch.web;

import java.util.Map;
import org.facesearch.indexer.Build;
import org.facesearch.indexer.BuildManifest;
import org.facesearch.searcher.GalleryCatalog;
import org.facesearch.searcher.GallerySearcher;

/**
 * What the server is serving, for {@code /api/status} and the status page. {@code model} is null
 * until a model is known; {@code index} is null until a build exists.
 */
record StatusReport(boolean ready, ModelInfo model, IndexInfo index, String problem) {

  record ModelInfo(String id, String source, Double threshold, Map<String, Double> metrics) {}

  record IndexInfo(
      String dir,
      String build,
      int images,
      int identities,
      String createdAt,
      double buildSeconds,
      String modelId,
      String modelSource,
      String dataRoot,
      int minFaces) {}

  static StatusReport of(LiveGallery gallery) {
    String problem = gallery.problem().orElse(null);
    LiveGallery.Lease lease;
    try {
      lease = gallery.lease();
    } catch (NotReadyException e) {
      return new StatusReport(false, null, null, problem != null ? problem : e.getMessage());
    }
    try (lease) {
      ModelInfo model =
          new ModelInfo(
              lease.model().embedder().modelId(),
              lease.model().source(),
              lease.threshold().isPresent() ? lease.threshold().getAsDouble() : null,
              lease.model().metrics());
      if (!lease.hasIndex()) {
        return new StatusReport(false, model, null, problem);
      }
      GallerySearcher searcher = lease.searcher();
      Build build = searcher.build();
      BuildManifest manifest = build.manifest();
      GalleryCatalog catalog = searcher.catalog();
      IndexInfo index =
          new IndexInfo(
              gallery.root().location(),
              build.name(),
              catalog.images(),
              catalog.identities().size(),
              manifest.createdAt(),
              manifest.seconds(),
              manifest.modelId(),
              manifest.modelSource(),
              manifest.dataRoot(),
              manifest.minFaces());
      return new StatusReport(true, model, index, problem);
    }
  }
}

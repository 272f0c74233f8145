package org.facesearch.web;

import java.nio.file.Path;
import java.util.Map;
import org.facesearch.indexer.Build;
import org.facesearch.indexer.BuildManifest;
import org.facesearch.searcher.GalleryCatalog;
import org.facesearch.searcher.GallerySearcher;

/**
 * What the server is serving, for {@code /api/status} and the status page. {@code model} is null
 * until a model is known; {@code index} is null until a build exists. Clients see no server paths:
 * a model bundle is named by its folder's name, and the index and photo folders not at all.
 */
record StatusReport(boolean ready, ModelInfo model, IndexInfo index, String problem) {

  record ModelInfo(
      String id, String source, String inference, Double threshold, Map<String, Double> metrics) {}

  record IndexInfo(
      String build,
      int images,
      int identities,
      String createdAt,
      double buildSeconds,
      String modelId,
      String modelSource,
      int minFaces) {}

  /** A model source as clients may see it: a bundle folder's own name, not where it lies. */
  static String publicName(String source) {
    if (source.indexOf('/') < 0 && source.indexOf('\\') < 0) {
      return source; // a built-in model's name, e.g. pixels-32-grey
    }
    Path name = Path.of(source).getFileName();
    return name == null ? "model" : name.toString();
  }

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
              publicName(lease.model().source()),
              lease.model().embedder().inference(),
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
              build.name(),
              catalog.images(),
              catalog.identities().size(),
              manifest.createdAt(),
              manifest.seconds(),
              manifest.modelId(),
              publicName(manifest.modelSource()),
              manifest.minFaces());
      return new StatusReport(true, model, index, problem);
    }
  }
}

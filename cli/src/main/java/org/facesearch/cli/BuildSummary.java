package org.facesearch.cli;

import java.io.PrintWriter;
import org.facesearch.indexer.Build;
import org.facesearch.indexer.BuildManifest;
import org.facesearch.indexer.GalleryIndex;

/** What {@code index} and {@code reindex} print about a new build. */
record BuildSummary(
    int images, int identities, double seconds, String indexDir, String modelId, String build) {

  static BuildSummary of(GalleryIndex root, Build build) {
    BuildManifest m = build.manifest();
    return new BuildSummary(
        m.images(), m.identities(), m.seconds(), root.location(), m.modelId(), build.name());
  }

  void printText(PrintWriter out) {
    out.printf(
        "Indexed %d images of %d people with model %s in %.1f s (%.0f images/s)%n  build %s in"
            + " %s%n",
        images, identities, modelId, seconds, images / Math.max(seconds, 1e-9), build, indexDir);
    out.flush();
  }
}

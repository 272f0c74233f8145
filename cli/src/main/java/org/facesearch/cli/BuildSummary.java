package org.facesearch.cli;

import java.io.PrintWriter;
import org.facesearch.indexer.Build;
import org.facesearch.indexer.BuildManifest;
import org.facesearch.indexer.GalleryIndex;
import org.facesearch.indexer.LookAlikeCalibration;
import org.facesearch.indexer.NoLookAlikeFit;

/**
 * What {@code index} and {@code reindex} print about a new build; {@code lookAlike} is its
 * look-alike calibration, null when the gallery cannot fit one ({@code noLookAlike} says why) or
 * the build was made before them (both null).
 */
record BuildSummary(
    int images,
    int identities,
    double seconds,
    String indexDir,
    String modelId,
    String build,
    LookAlikeCalibration lookAlike,
    NoLookAlikeFit noLookAlike) {

  static BuildSummary of(GalleryIndex root, Build build) {
    BuildManifest m = build.manifest();
    return new BuildSummary(
        m.images(),
        m.identities(),
        m.seconds(),
        root.location(),
        m.modelId(),
        build.name(),
        m.lookAlike(),
        m.noLookAlike());
  }

  void printText(PrintWriter out) {
    out.printf(
        "Indexed %d images of %d people with model %s in %.1f s (%.0f images/s)%n  build %s in"
            + " %s%n",
        images, identities, modelId, seconds, images / Math.max(seconds, 1e-9), build, indexDir);
    if (noLookAlike != null) {
      out.println("  no look-alike probabilities: " + noLookAlike.description());
    } else if (lookAlike == null) {
      out.println("  no look-alike probabilities (a build from before them)");
    } else {
      out.printf(
          "  look-alike probabilities fitted on %,d leave-one-out searches in %.1f s; on %,d more"
              + " held out: right person first %.1f%%, calibration error %.1f%%%n",
          lookAlike.queries(),
          lookAlike.seconds(),
          lookAlike.heldOutQueries(),
          100 * lookAlike.rankOneAccuracy(),
          100 * lookAlike.expectedCalibrationError());
    }
    out.flush();
  }
}

package org.facesearch.evaluation;

import java.util.ArrayList;
import java.util.List;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import smile.clustering.CentroidClustering;
import smile.clustering.Clustering;
import smile.clustering.KMeans;
import smile.math.MathEx;
import smile.validation.metric.AdjustedRandIndex;

/**
 * Do faces group by person without being told who is who? k-means (Smile) with k = the number of
 * people, restarted from several seeds keeping the lowest distortion, then the adjusted Rand index
 * between its clusters and the true identities: 1 for a perfect match, about 0 for chance.
 *
 * @param ari adjusted Rand index of the best restart's clusters against the identities
 * @param clusters k, the number of identities
 * @param faces how many faces were clustered
 * @param distortion the best restart's distortion as Smile reports it (mean squared distance of a
 *     face to its cluster centre; lower is tighter)
 */
public record IdentityClustering(double ari, int clusters, int faces, double distortion) {
  /** Lloyd iterations per restart; converged long before on LFW subsets. */
  static final int MAX_ITERATIONS = 100;

  /**
   * Clusters {@code faces} {@code restarts} times, restart {@code r} seeded with {@code seed + r}.
   *
   * @throws IllegalArgumentException if there are fewer than two identities or restarts < 1
   */
  public static IdentityClustering of(EmbeddedFaces faces, int restarts, long seed) {
    if (restarts < 1) {
      throw new IllegalArgumentException("k-means needs at least one restart, got " + restarts);
    }
    int[] truth = identityLabels(faces);
    int k = (int) java.util.Arrays.stream(truth).distinct().count();
    if (k < 2) {
      throw new IllegalArgumentException("clustering needs faces of at least two people, got " + k);
    }
    if (faces.size() <= k) {
      throw new IllegalArgumentException(
          "k-means with k = " + k + " people needs more than " + k + " faces, got " + faces.size());
    }
    double[][] points = widen(faces.matrix());
    CentroidClustering<double[], double[]> best = null;
    try (ProgressBar progress =
        new ProgressBarBuilder()
            .setTaskName("k-means")
            .setInitialMax(restarts)
            .setUnit(" runs", 1)
            .build()) {
      for (int r = 0; r < restarts; r++) {
        // Smile draws k-means++ seeds from a per-thread generator; seeding it makes runs
        // repeatable.
        MathEx.setSeed(seed + r);
        // Plain Lloyd iterations: Smile's default BBD tree cannot prune in hundreds of dimensions
        // and is four times slower on raw pixels, for the same clusters.
        CentroidClustering<double[], double[]> run =
            KMeans.lloyd(points, new Clustering.Options(k, MAX_ITERATIONS));
        if (best == null || run.distortion() < best.distortion()) {
          best = run;
        }
        progress.step();
      }
    }
    return new IdentityClustering(
        AdjustedRandIndex.of(truth, best.group()), k, faces.size(), best.distortion());
  }

  private static double[][] widen(float[][] rows) {
    double[][] out = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      out[i] = new double[rows[i].length];
      for (int j = 0; j < rows[i].length; j++) {
        out[i][j] = rows[i][j];
      }
    }
    return out;
  }

  /** Each face's person as a number: the index of its identity in order of first appearance. */
  static int[] identityLabels(EmbeddedFaces faces) {
    List<String> seen = new ArrayList<>();
    int[] labels = new int[faces.size()];
    for (int i = 0; i < faces.size(); i++) {
      String identity = faces.image(i).identity();
      int label = seen.indexOf(identity);
      if (label < 0) {
        label = seen.size();
        seen.add(identity);
      }
      labels[i] = label;
    }
    return labels;
  }
}

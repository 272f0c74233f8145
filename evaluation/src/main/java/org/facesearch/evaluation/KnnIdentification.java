package org.facesearch.evaluation;

import java.util.HashMap;
import java.util.Map;
import org.facesearch.model.verify.Similarity;

/**
 * Closed-set identification: each query face against a gallery of other photos of the same people.
 * People are ranked by their best-matching gallery photo (as the look-alike search ranks them);
 * top-k accuracy is the share of queries whose true identity is among the first k people.
 *
 * @param top1 share of queries whose best-ranked person is right
 * @param top5 share of queries whose person is among the five best-ranked
 * @param queries number of query faces
 * @param gallery number of gallery faces
 */
public record KnnIdentification(double top1, double top5, int queries, int gallery) {

  public static KnnIdentification of(EmbeddedFaces gallery, EmbeddedFaces queries) {
    if (gallery.size() == 0 || queries.size() == 0) {
      throw new IllegalArgumentException(
          "identification needs a gallery and queries, got "
              + gallery.size()
              + " and "
              + queries.size());
    }
    int hits1 = 0;
    int hits5 = 0;
    for (int q = 0; q < queries.size(); q++) {
      int rank = rankOfTruth(gallery, queries.vector(q), queries.image(q).identity());
      hits1 += rank < 1 ? 1 : 0;
      hits5 += rank < 5 ? 1 : 0;
    }
    return new KnnIdentification(
        hits1 / (double) queries.size(),
        hits5 / (double) queries.size(),
        queries.size(),
        gallery.size());
  }

  /**
   * How many people score strictly better than the true one (0 = ranked first); a person missing
   * from the gallery is never found.
   */
  private static int rankOfTruth(EmbeddedFaces gallery, float[] query, String truth) {
    Map<String, Double> best = new HashMap<>();
    for (int g = 0; g < gallery.size(); g++) {
      best.merge(
          gallery.image(g).identity(),
          (double) Similarity.cosine(query, gallery.vector(g)),
          Math::max);
    }
    Double own = best.get(truth);
    if (own == null) {
      return Integer.MAX_VALUE;
    }
    return (int) best.values().stream().filter(score -> score > own).count();
  }
}

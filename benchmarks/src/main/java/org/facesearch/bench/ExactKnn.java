package org.facesearch.bench;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.apache.lucene.util.VectorUtil;

/** Brute force: every vector scored against the query. The ground truth for recall. */
public final class ExactKnn implements KnnIndex {
  private float[][] vectors = new float[0][];

  @Override
  public String name() {
    return "exact";
  }

  /**
   * The exact {@code k} nearest rows of {@code vectors} for each query, computed once as the ground
   * truth for recall; queries are spread over the common pool's threads (brute force over a million
   * vectors is some 50 ms a query).
   */
  public static int[][] truth(float[][] vectors, float[][] queries, int k) {
    ExactKnn exact = new ExactKnn();
    exact.build(vectors);
    return IntStream.range(0, queries.length)
        .parallel()
        .mapToObj(q -> exact.search(queries[q], k, k))
        .toArray(int[][]::new);
  }

  @Override
  public void build(float[][] vectors) {
    this.vectors = vectors;
  }

  @Override
  public int[] search(float[] query, int k, int effort) {
    int[] best = new int[k];
    float[] scores = new float[k];
    Arrays.fill(scores, Float.NEGATIVE_INFINITY);
    for (int row = 0; row < vectors.length; row++) {
      float score = VectorUtil.dotProduct(vectors[row], query);
      if (score > scores[k - 1]) {
        int i = k - 1;
        while (i > 0 && scores[i - 1] < score) {
          scores[i] = scores[i - 1];
          best[i] = best[i - 1];
          i--;
        }
        scores[i] = score;
        best[i] = row;
      }
    }
    return best;
  }

  @Override
  public long bytes() {
    return vectors.length == 0 ? 0 : (long) vectors.length * vectors[0].length * Float.BYTES;
  }

  @Override
  public boolean tunable() {
    return false;
  }

  @Override
  public void close() {}
}

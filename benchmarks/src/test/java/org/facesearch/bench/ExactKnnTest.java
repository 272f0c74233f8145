package org.facesearch.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExactKnnTest {

  @Test
  void theGroundTruthIsEachQuerysBestRowsByCosineBestFirst() {
    VectorSet set = VectorSet.synthetic(2000, 16, 30, 11);

    int[][] truth = ExactKnn.truth(set.vectors(), set.queries(), 10);

    assertEquals(30, truth.length);
    for (int q = 0; q < truth.length; q++) {
      float[] query = set.queries()[q];
      // Independently, in double precision (float sums may swap rows tied to 1e-6): the best
      // row's score, the order of the ten, and that no other row beats the tenth.
      int best = 0;
      for (int row = 1; row < set.vectors().length; row++) {
        if (dot(set.vectors()[row], query) > dot(set.vectors()[best], query)) {
          best = row;
        }
      }
      assertEquals(dot(set.vectors()[best], query), dot(set.vectors()[truth[q][0]], query), 1e-6);
      for (int i = 1; i < truth[q].length; i++) {
        assertTrue(
            dot(set.vectors()[truth[q][i - 1]], query)
                >= dot(set.vectors()[truth[q][i]], query) - 1e-6,
            "query " + q + " rows are best first");
      }
      double tenth = dot(set.vectors()[truth[q][9]], query);
      long better = 0;
      for (float[] v : set.vectors()) {
        better += dot(v, query) > tenth + 1e-6 ? 1 : 0;
      }
      assertTrue(better <= 9, "no row outside the ten beats the tenth for query " + q);
    }
  }

  @Test
  void theParallelGroundTruthEqualsSearchingQueriesOneByOne() {
    VectorSet set = VectorSet.synthetic(3000, 32, 50, 2);
    ExactKnn exact = new ExactKnn();
    exact.build(set.vectors());

    int[][] truth = ExactKnn.truth(set.vectors(), set.queries(), 10);

    for (int q = 0; q < truth.length; q++) {
      assertArrayEquals(exact.search(set.queries()[q], 10, 10), truth[q], "query " + q);
    }
  }

  @Test
  void overlapCountsTheTrueNeighboursReturnedInAnyOrder() {
    assertEquals(3, VectorBenchmark.overlap(new int[] {4, 8, 15}, new int[] {15, 4, 8}));
    assertEquals(1, VectorBenchmark.overlap(new int[] {4, 8, 15}, new int[] {16, 23, 8}));
    assertEquals(0, VectorBenchmark.overlap(new int[] {4, 8, 15}, new int[] {}));
  }

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += (double) a[i] * b[i];
    }
    return sum;
  }
}

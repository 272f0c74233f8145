package org.facesearch.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TsneLayoutTest {
  private static final int GROUPS = 3;
  private static final int PER_GROUP = 30;

  /** Three tight, well-separated blobs in 10 dimensions. */
  private static double[][] blobs() {
    SplittableRandom random = new SplittableRandom(1);
    double[][] points = new double[GROUPS * PER_GROUP][10];
    for (int i = 0; i < points.length; i++) {
      points[i][i / PER_GROUP] = 10;
      for (int j = 0; j < 10; j++) {
        points[i][j] += random.nextGaussian() * 0.3;
      }
    }
    return points;
  }

  @Test
  void neighboursInTheMapAreNeighboursInTheData() {
    double[][] map = TsneLayout.layout(blobs(), 300, 42);
    assertEquals(GROUPS * PER_GROUP, map.length);
    int sameGroup = 0;
    for (int i = 0; i < map.length; i++) {
      int nearest = -1;
      double best = Double.MAX_VALUE;
      for (int j = 0; j < map.length; j++) {
        double dx = map[i][0] - map[j][0];
        double dy = map[i][1] - map[j][1];
        if (j != i && dx * dx + dy * dy < best) {
          best = dx * dx + dy * dy;
          nearest = j;
        }
      }
      sameGroup += nearest / PER_GROUP == i / PER_GROUP ? 1 : 0;
    }
    assertTrue(
        sameGroup >= map.length - 2,
        sameGroup + " of " + map.length + " points sit next to their own blob");
  }

  @Test
  void theSameSeedDrawsTheSameMap() {
    double[][] a = TsneLayout.layout(blobs(), 250, 7);
    double[][] b = TsneLayout.layout(blobs(), 250, 7);
    for (int i = 0; i < a.length; i++) {
      assertArrayEquals(a[i], b[i], 1e-12);
    }
  }

  @Test
  void tooFewIterationsAreRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TsneLayout.layout(blobs(), 200, 1));
    assertEquals("t-SNE needs at least 250 iterations, got 200", e.getMessage());
  }
}

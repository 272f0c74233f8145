package org.facesearch.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SymmetricEigenTest {

  @Test
  void aHandComputedMatrixHasItsKnownEigenpairs() {
    // [[2,1,0],[1,2,0],[0,0,5]]: 5 on (0,0,1), 3 on (1,1,0)/sqrt2, 1 on (1,-1,0)/sqrt2.
    SymmetricEigen eigen = SymmetricEigen.of(new double[][] {{2, 1, 0}, {1, 2, 0}, {0, 0, 5}});
    assertEquals(5, eigen.value(0), 1e-12);
    assertEquals(3, eigen.value(1), 1e-12);
    assertEquals(1, eigen.value(2), 1e-12);
    assertEquals(1, Math.abs(eigen.vector(0, 2)), 1e-12);
    assertEquals(Math.abs(eigen.vector(1, 0)), Math.abs(eigen.vector(1, 1)), 1e-12);
    assertEquals(eigen.vector(1, 0), eigen.vector(1, 1), 1e-12);
    assertEquals(-eigen.vector(2, 0), eigen.vector(2, 1), 1e-12);
    assertEquals(1 / Math.sqrt(2), Math.abs(eigen.vector(2, 0)), 1e-12);
  }

  @Test
  void everyPairSatisfiesTheEigenEquationAndTheVectorsAreOrthonormal() {
    int n = 120;
    Random random = new Random(7);
    double[][] a = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        a[i][j] = random.nextGaussian();
        a[j][i] = a[i][j];
      }
    }
    SymmetricEigen eigen = SymmetricEigen.of(a);
    for (int c = 0; c < n; c++) {
      if (c > 0) {
        assertEquals(true, eigen.value(c) <= eigen.value(c - 1), "largest first at " + c);
      }
      for (int i = 0; i < n; i++) {
        double av = 0;
        for (int j = 0; j < n; j++) {
          av += a[i][j] * eigen.vector(c, j);
        }
        assertEquals(eigen.value(c) * eigen.vector(c, i), av, 1e-9, "pair " + c + ", row " + i);
      }
      for (int d = 0; d <= c; d++) {
        double dot = 0;
        for (int i = 0; i < n; i++) {
          dot += eigen.vector(c, i) * eigen.vector(d, i);
        }
        assertEquals(c == d ? 1 : 0, dot, 1e-9, "vectors " + c + " and " + d);
      }
    }
  }
}

package org.facesearch.model.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MatricesTest {

  @Test
  void productsMatchHandComputedValues() {
    float[] a = {1, 2, 3, 4, 5, 6}; // 2x3
    float[] b = {1, 0, 0, 1, 1, 1}; // 3x2
    assertArrayEquals(new float[] {4, 5, 10, 11}, Matrices.times(a, 2, 3, b, 2));
    // A^T (3x2) . C (2x2)
    float[] c = {1, 1, 0, 2};
    assertArrayEquals(
        new double[] {1, 9, 2, 12, 3, 15}, Matrices.transposeTimes(a, 2, 3, c, 2), 1e-6);
    float[] sum = {1, 1, 1, 1, 1, 1};
    Matrices.addTransposeTimes(a, 2, 3, c, 2, sum);
    assertArrayEquals(new float[] {2, 10, 3, 13, 4, 16}, sum);
  }

  /** [[2, 1], [1, 2]] has eigenvalues 1 and 3, along (1, -1) and (1, 1). */
  @Test
  void theSymmetricEigendecompositionOfATwoByTwoMatrixIsTheTextbookOne() {
    double[] m = {2, 1, 1, 2};
    double[] values = Matrices.symmetricEigen(m, 2);
    assertArrayEquals(new double[] {1, 3}, values, 1e-12);
    double r = Math.sqrt(0.5);
    // Columns: first (1, -1)/sqrt 2 up to sign, second (1, 1)/sqrt 2 up to sign.
    assertEquals(r, Math.abs(m[0]), 1e-12);
    assertEquals(-Math.signum(m[0]) * r, m[2], 1e-12);
    assertEquals(Math.abs(m[1]), Math.abs(m[3]), 1e-12);
    assertEquals(Math.signum(m[1]), Math.signum(m[3]));
  }
}

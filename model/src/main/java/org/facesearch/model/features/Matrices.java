package org.facesearch.model.features;

import org.bytedeco.openblas.global.openblas;

/**
 * The dense products and the symmetric eigendecomposition the feature models need, on OpenBLAS
 * (already loaded for OpenCV, so nothing new to install). Matrices are row-major arrays.
 */
public final class Matrices {
  private Matrices() {}

  /** {@code A (n x p) . B (p x q)}. */
  public static float[] times(float[] a, int n, int p, float[] b, int q) {
    check(a, n, p, "A");
    check(b, p, q, "B");
    float[] c = new float[n * q];
    openblas.cblas_sgemm(
        openblas.CblasRowMajor,
        openblas.CblasNoTrans,
        openblas.CblasNoTrans,
        n,
        q,
        p,
        1f,
        a,
        p,
        b,
        q,
        0f,
        c,
        q);
    return c;
  }

  /** {@code A^T (p x n) . B (n x q)}, in double for the covariances built from it. */
  public static double[] transposeTimes(float[] a, int n, int p, float[] b, int q) {
    check(a, n, p, "A");
    check(b, n, q, "B");
    float[] c = new float[p * q];
    openblas.cblas_sgemm(
        openblas.CblasRowMajor,
        openblas.CblasTrans,
        openblas.CblasNoTrans,
        p,
        q,
        n,
        1f,
        a,
        p,
        b,
        q,
        0f,
        c,
        q);
    double[] out = new double[c.length];
    for (int i = 0; i < c.length; i++) {
      out[i] = c[i];
    }
    return out;
  }

  /**
   * {@code C += A^T (p x n) . B (n x q)} into {@code c} ({@code p x q}): sums over row blocks
   * without a fresh {@code p x q} result per block.
   */
  public static void addTransposeTimes(float[] a, int n, int p, float[] b, int q, float[] c) {
    check(a, n, p, "A");
    check(b, n, q, "B");
    check(c, p, q, "C");
    openblas.cblas_sgemm(
        openblas.CblasRowMajor,
        openblas.CblasTrans,
        openblas.CblasNoTrans,
        p,
        q,
        n,
        1f,
        a,
        p,
        b,
        q,
        1f,
        c,
        q);
  }

  /**
   * Eigenvalues of the symmetric {@code k x k} matrix {@code m}, ascending; {@code m} is replaced
   * by the eigenvectors, one per column in the same order.
   *
   * @throws ArithmeticException when LAPACK does not converge
   */
  public static double[] symmetricEigen(double[] m, int k) {
    check(m.length, k, k, "M");
    double[] values = new double[k];
    int info =
        openblas.LAPACKE_dsyevd(openblas.LAPACK_ROW_MAJOR, (byte) 'V', (byte) 'U', k, m, k, values);
    if (info != 0) {
      throw new ArithmeticException(
          "symmetric eigendecomposition failed (LAPACK info " + info + ")");
    }
    return values;
  }

  public static float[] toFloat(double[] values) {
    float[] out = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (float) values[i];
    }
    return out;
  }

  private static void check(float[] m, int rows, int cols, String name) {
    check(m.length, rows, cols, name);
  }

  private static void check(int length, int rows, int cols, String name) {
    if ((long) rows * cols != length) {
      throw new IllegalArgumentException(
          name + " holds " + length + " values, not " + rows + "x" + cols);
    }
  }
}

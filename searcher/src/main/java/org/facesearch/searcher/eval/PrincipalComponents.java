package org.facesearch.searcher.eval;

import smile.linalg.UPLO;
import smile.tensor.DenseMatrix;
import smile.tensor.EVD;

/**
 * Principal-component scores of a set of rows, through the rows' Gram matrix with Smile's
 * LAPACK-backed linear algebra. Raw-pixel vectors have far more dimensions than there are faces
 * (12,288 against 1,560), where Smile's {@code PCA.fit} would build a 12,288 x 12,288 covariance;
 * the Gram matrix is faces x faces whatever the dimension, and its eigenvectors scaled by the
 * square roots of their eigenvalues are exactly the PCA scores.
 */
public final class PrincipalComponents {
  private PrincipalComponents() {}

  /**
   * The first {@code components} principal-component scores of each row (rows centred on their mean
   * first). Each component's sign is fixed so its largest-magnitude score is positive, which makes
   * the result independent of the eigen-solver's arbitrary signs.
   *
   * @throws IllegalArgumentException unless 1 <= components < rows
   */
  public static double[][] scores(float[][] rows, int components) {
    int m = rows.length;
    if (components < 1 || components >= m) {
      throw new IllegalArgumentException(
          "can take 1.."
              + (m - 1)
              + " principal components of "
              + m
              + " rows, asked for "
              + components);
    }
    int n = rows[0].length;
    double[] mean = new double[n];
    for (float[] row : rows) {
      for (int j = 0; j < n; j++) {
        mean[j] += row[j];
      }
    }
    for (int j = 0; j < n; j++) {
      mean[j] /= m;
    }
    double[][] centred = new double[m][n];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        centred[i][j] = rows[i][j] - mean[j];
      }
    }
    EVD eigen = DenseMatrix.of(centred).aat().withUplo(UPLO.LOWER).eigen(false, true).sort();
    double[][] scores = new double[m][components];
    for (int c = 0; c < components; c++) {
      double scale = Math.sqrt(Math.max(0, eigen.wr().get(c)));
      double largest = 0;
      for (int i = 0; i < m; i++) {
        scores[i][c] = eigen.Vr().get(i, c) * scale;
        if (Math.abs(scores[i][c]) > Math.abs(largest)) {
          largest = scores[i][c];
        }
      }
      if (largest < 0) {
        for (int i = 0; i < m; i++) {
          scores[i][c] = -scores[i][c];
        }
      }
    }
    return scores;
  }
}

package org.facesearch.evaluation;

/**
 * Principal-component scores of a set of rows, in plain Java ({@link SymmetricEigen}), so that
 * {@code evaluate} needs no system BLAS/LAPACK. It decomposes whichever is smaller: the covariance
 * (dimension x dimension, for 64..512-d embeddings) or the rows' Gram matrix (rows x rows, for
 * raw-pixel vectors with 12,288 dimensions against 1,560 faces), whose eigenvectors scaled by the
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
    return scores(rows, components, Route.AUTO);
  }

  /** Which matrix to decompose; both give the same scores, the smaller one is faster. */
  enum Route {
    AUTO,
    GRAM,
    COVARIANCE
  }

  static double[][] scores(float[][] rows, int components, Route route) {
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
    boolean gram = route == Route.AUTO ? n > m : route == Route.GRAM;
    double[][] scores =
        gram ? gramScores(centred, components) : covarianceScores(centred, components);
    for (int c = 0; c < components; c++) {
      double largest = 0;
      for (int i = 0; i < m; i++) {
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

  /** The Gram matrix's eigenvectors scaled by the square roots of their eigenvalues. */
  private static double[][] gramScores(double[][] centred, int components) {
    int m = centred.length;
    double[][] gram = new double[m][m];
    for (int i = 0; i < m; i++) {
      for (int k = 0; k <= i; k++) {
        gram[i][k] = dot(centred[i], centred[k]);
      }
    }
    SymmetricEigen eigen = SymmetricEigen.of(gram);
    double[][] scores = new double[m][components];
    for (int c = 0; c < components; c++) {
      double scale = Math.sqrt(Math.max(0, eigen.value(c)));
      for (int i = 0; i < m; i++) {
        scores[i][c] = eigen.vector(c, i) * scale;
      }
    }
    return scores;
  }

  /**
   * Each row projected on the covariance matrix's eigenvectors; components beyond the dimension
   * carry no variance and stay zero.
   */
  private static double[][] covarianceScores(double[][] centred, int components) {
    int m = centred.length;
    int n = centred[0].length;
    double[][] scatter = new double[n][n];
    for (double[] row : centred) {
      for (int j = 0; j < n; j++) {
        double x = row[j];
        double[] target = scatter[j];
        for (int k = 0; k <= j; k++) {
          target[k] += x * row[k];
        }
      }
    }
    SymmetricEigen eigen = SymmetricEigen.of(scatter);
    double[][] scores = new double[m][components];
    for (int c = 0; c < Math.min(components, n); c++) {
      for (int i = 0; i < m; i++) {
        double sum = 0;
        for (int j = 0; j < n; j++) {
          sum += centred[i][j] * eigen.vector(c, j);
        }
        scores[i][c] = sum;
      }
    }
    return scores;
  }

  private static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int j = 0; j < a.length; j++) {
      sum += a[j] * b[j];
    }
    return sum;
  }
}

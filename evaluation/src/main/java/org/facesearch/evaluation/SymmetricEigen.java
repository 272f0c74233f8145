package org.facesearch.evaluation;

/**
 * Eigenvalues and eigenvectors of a real symmetric matrix, in plain Java: Householder reduction to
 * tridiagonal form, then the implicit QL method (the EISPACK {@code tred2}/{@code tql2} pair).
 * facesearch's matrices are at most a few thousand rows (a Gram matrix of the evaluated faces, or a
 * covariance of 64..512-d embeddings), where this takes seconds; in exchange the evaluation needs
 * no native BLAS/LAPACK that a fresh machine would have to install first.
 */
final class SymmetricEigen {
  private final double[] values;

  /** {@code vectors[c]} is the unit eigenvector of {@code values[c]}. */
  private final double[][] vectors;

  private SymmetricEigen(double[] values, double[][] vectors) {
    this.values = values;
    this.vectors = vectors;
  }

  /**
   * Decomposes {@code matrix} (square and symmetric; only its lower triangle is read), largest
   * eigenvalue first. The input is left untouched.
   *
   * @throws IllegalArgumentException if the matrix is empty or not square
   */
  static SymmetricEigen of(double[][] matrix) {
    int n = matrix.length;
    if (n == 0) {
      throw new IllegalArgumentException("cannot decompose an empty matrix");
    }
    double[][] v = new double[n][n];
    for (int i = 0; i < n; i++) {
      if (matrix[i].length != n) {
        throw new IllegalArgumentException(
            "not square: row " + i + " has " + matrix[i].length + " columns, expected " + n);
      }
      for (int j = 0; j <= i; j++) {
        v[i][j] = matrix[i][j];
        v[j][i] = matrix[i][j];
      }
    }
    double[] d = new double[n];
    double[] e = new double[n];
    tridiagonalize(v, d, e);
    // QL rotates pairs of eigenvector columns; holding them as rows keeps each rotation in two
    // contiguous arrays, which is what makes a 1,500 x 1,500 Gram matrix take seconds, not minutes.
    double[][] columns = transpose(v);
    diagonalize(columns, d, e);
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(d[b], d[a]));
    double[] values = new double[n];
    double[][] vectors = new double[n][];
    for (int c = 0; c < n; c++) {
      values[c] = d[order[c]];
      vectors[c] = columns[order[c]];
    }
    return new SymmetricEigen(values, vectors);
  }

  int size() {
    return values.length;
  }

  /** The {@code c}-th largest eigenvalue. */
  double value(int c) {
    return values[c];
  }

  /** Component {@code i} of the unit eigenvector of {@link #value(int) value(c)}. */
  double vector(int c, int i) {
    return vectors[c][i];
  }

  /** Householder reduction of {@code v} to tridiagonal form, accumulating the transforms in v. */
  private static void tridiagonalize(double[][] v, double[] d, double[] e) {
    int n = d.length;
    for (int j = 0; j < n; j++) {
      d[j] = v[n - 1][j];
    }
    for (int i = n - 1; i > 0; i--) {
      double scale = 0;
      double h = 0;
      for (int k = 0; k < i; k++) {
        scale += Math.abs(d[k]);
      }
      if (scale == 0) {
        e[i] = d[i - 1];
        for (int j = 0; j < i; j++) {
          d[j] = v[i - 1][j];
          v[i][j] = 0;
          v[j][i] = 0;
        }
      } else {
        for (int k = 0; k < i; k++) {
          d[k] /= scale;
          h += d[k] * d[k];
        }
        double f = d[i - 1];
        double g = Math.sqrt(h);
        if (f > 0) {
          g = -g;
        }
        e[i] = scale * g;
        h -= f * g;
        d[i - 1] = f - g;
        for (int j = 0; j < i; j++) {
          e[j] = 0;
        }
        for (int j = 0; j < i; j++) {
          f = d[j];
          v[j][i] = f;
          g = e[j] + v[j][j] * f;
          for (int k = j + 1; k <= i - 1; k++) {
            g += v[k][j] * d[k];
            e[k] += v[k][j] * f;
          }
          e[j] = g;
        }
        f = 0;
        for (int j = 0; j < i; j++) {
          e[j] /= h;
          f += e[j] * d[j];
        }
        double hh = f / (h + h);
        for (int j = 0; j < i; j++) {
          e[j] -= hh * d[j];
        }
        for (int j = 0; j < i; j++) {
          f = d[j];
          g = e[j];
          for (int k = j; k <= i - 1; k++) {
            v[k][j] -= f * e[k] + g * d[k];
          }
          d[j] = v[i - 1][j];
          v[i][j] = 0;
        }
      }
      d[i] = h;
    }
    for (int i = 0; i < n - 1; i++) {
      v[n - 1][i] = v[i][i];
      v[i][i] = 1;
      double h = d[i + 1];
      if (h != 0) {
        for (int k = 0; k <= i; k++) {
          d[k] = v[k][i + 1] / h;
        }
        for (int j = 0; j <= i; j++) {
          double g = 0;
          for (int k = 0; k <= i; k++) {
            g += v[k][i + 1] * v[k][j];
          }
          for (int k = 0; k <= i; k++) {
            v[k][j] -= g * d[k];
          }
        }
      }
      for (int k = 0; k <= i; k++) {
        v[k][i + 1] = 0;
      }
    }
    for (int j = 0; j < n; j++) {
      d[j] = v[n - 1][j];
      v[n - 1][j] = 0;
    }
    v[n - 1][n - 1] = 1;
    e[0] = 0;
  }

  /** Implicit QL on the tridiagonal (d, e); {@code columns[c]} are the eigenvectors so far. */
  private static void diagonalize(double[][] columns, double[] d, double[] e) {
    int n = d.length;
    for (int i = 1; i < n; i++) {
      e[i - 1] = e[i];
    }
    e[n - 1] = 0;
    double f = 0;
    double largest = 0;
    double eps = Math.ulp(1.0);
    for (int l = 0; l < n; l++) {
      largest = Math.max(largest, Math.abs(d[l]) + Math.abs(e[l]));
      int m = l;
      while (m < n - 1 && Math.abs(e[m]) > eps * largest) {
        m++;
      }
      if (m > l) {
        int iterations = 0;
        do {
          if (++iterations > 100) {
            throw new ArithmeticException("eigen-decomposition did not converge");
          }
          double g = d[l];
          double p = (d[l + 1] - g) / (2 * e[l]);
          double r = Math.sqrt(p * p + 1);
          if (p < 0) {
            r = -r;
          }
          d[l] = e[l] / (p + r);
          d[l + 1] = e[l] * (p + r);
          double dl1 = d[l + 1];
          double h = g - d[l];
          for (int i = l + 2; i < n; i++) {
            d[i] -= h;
          }
          f += h;
          p = d[m];
          double c = 1;
          double c2 = c;
          double c3 = c;
          double el1 = e[l + 1];
          double s = 0;
          double s2 = 0;
          for (int i = m - 1; i >= l; i--) {
            c3 = c2;
            c2 = c;
            s2 = s;
            g = c * e[i];
            h = c * p;
            r = Math.sqrt(p * p + e[i] * e[i]);
            e[i + 1] = s * r;
            s = e[i] / r;
            c = p / r;
            p = c * d[i] - s * g;
            d[i + 1] = h + s * (c * g + s * d[i]);
            double[] left = columns[i];
            double[] right = columns[i + 1];
            for (int k = 0; k < n; k++) {
              double t = right[k];
              right[k] = s * left[k] + c * t;
              left[k] = c * left[k] - s * t;
            }
          }
          p = -s * s2 * c3 * el1 * e[l] / dl1;
          e[l] = s * p;
          d[l] = c * p;
        } while (Math.abs(e[l]) > eps * largest);
      }
      d[l] += f;
      e[l] = 0;
    }
  }

  private static double[][] transpose(double[][] a) {
    int n = a.length;
    double[][] t = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        t[j][i] = a[i][j];
      }
    }
    return t;
  }
}

package dev.kibitz.core.stats;

/**
 * L2-regularised logistic regression fitted by Newton's method (IRLS) on standardised features:
 * exact to convergence in a handful of iterations for the small feature counts of behavioural
 * statistics (the intercept is not penalised). Coefficients are per standard deviation of each
 * feature, so their sizes compare.
 */
public final class LogisticRegression {
  private final double[] mean;
  private final double[] std;
  /** [intercept, w_1 .. w_d] on standardised features. */
  private final double[] weights;

  private LogisticRegression(double[] mean, double[] std, double[] weights) {
    this.mean = mean;
    this.std = std;
    this.weights = weights;
  }

  /**
   * @param x n rows of d features
   * @param y n labels (0 or 1)
   * @param l2 penalty on the feature weights (sum of squares times l2 / 2)
   */
  public static LogisticRegression fit(double[][] x, int[] y, double l2) {
    int n = x.length;
    if (n == 0 || n != y.length) {
      throw new IllegalArgumentException(n + " rows for " + y.length + " labels");
    }
    int d = x[0].length;
    double[] mean = new double[d];
    double[] std = new double[d];
    for (double[] row : x) {
      for (int j = 0; j < d; j++) {
        mean[j] += row[j] / n;
      }
    }
    for (double[] row : x) {
      for (int j = 0; j < d; j++) {
        std[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / n;
      }
    }
    for (int j = 0; j < d; j++) {
      std[j] = std[j] > 0 ? Math.sqrt(std[j]) : 1;
    }
    double[] w = new double[d + 1];
    for (int iter = 0; iter < 50; iter++) {
      double[] grad = new double[d + 1];
      double[][] hess = new double[d + 1][d + 1];
      for (int i = 0; i < n; i++) {
        double[] z = features(x[i], mean, std);
        double p = sigmoid(dot(w, z));
        for (int a = 0; a <= d; a++) {
          grad[a] += (p - y[i]) * z[a];
          for (int b = 0; b <= d; b++) {
            hess[a][b] += p * (1 - p) * z[a] * z[b];
          }
        }
      }
      for (int a = 1; a <= d; a++) {
        grad[a] += l2 * w[a];
        hess[a][a] += l2;
      }
      hess[0][0] += 1e-9;
      double[] step = solve(hess, grad);
      double change = 0;
      for (int a = 0; a <= d; a++) {
        w[a] -= step[a];
        change = Math.max(change, Math.abs(step[a]));
      }
      if (change < 1e-10) {
        break;
      }
    }
    return new LogisticRegression(mean, std, w);
  }

  public double probability(double[] row) {
    return sigmoid(dot(weights, features(row, mean, std)));
  }

  /** Fraction of rows classified right at threshold 0.5. */
  public double accuracy(double[][] x, int[] y) {
    int right = 0;
    for (int i = 0; i < x.length; i++) {
      right += (probability(x[i]) >= 0.5 ? 1 : 0) == y[i] ? 1 : 0;
    }
    return (double) right / x.length;
  }

  public double intercept() {
    return weights[0];
  }

  /** Weight of each feature per standard deviation. */
  public double[] coefficients() {
    return java.util.Arrays.copyOfRange(weights, 1, weights.length);
  }

  private static double[] features(double[] row, double[] mean, double[] std) {
    double[] z = new double[row.length + 1];
    z[0] = 1;
    for (int j = 0; j < row.length; j++) {
      z[j + 1] = (row[j] - mean[j]) / std[j];
    }
    return z;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static double sigmoid(double t) {
    return 1 / (1 + Math.exp(-t));
  }

  /** Gaussian elimination with partial pivoting on a small symmetric positive-definite system. */
  private static double[] solve(double[][] a, double[] b) {
    int n = b.length;
    double[][] m = new double[n][n + 1];
    for (int i = 0; i < n; i++) {
      System.arraycopy(a[i], 0, m[i], 0, n);
      m[i][n] = b[i];
    }
    for (int c = 0; c < n; c++) {
      int pivot = c;
      for (int r = c + 1; r < n; r++) {
        if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
          pivot = r;
        }
      }
      double[] t = m[c];
      m[c] = m[pivot];
      m[pivot] = t;
      for (int r = c + 1; r < n; r++) {
        double f = m[r][c] / m[c][c];
        for (int k = c; k <= n; k++) {
          m[r][k] -= f * m[c][k];
        }
      }
    }
    double[] x = new double[n];
    for (int r = n - 1; r >= 0; r--) {
      double s = m[r][n];
      for (int k = r + 1; k < n; k++) {
        s -= m[r][k] * x[k];
      }
      x[r] = s / m[r][r];
    }
    return x;
  }
}

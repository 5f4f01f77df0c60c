package dev.kibitz.probe.fit;

/**
 * Cholesky factorisation A = L L^T of a small dense symmetric positive-definite matrix (row-major
 * p x p), and solves with it: the probe's Hessians and Gram matrices are at most a few hundred wide,
 * where this is a few milliseconds.
 */
final class Cholesky {
  private final double[] l;
  private final int p;

  private Cholesky(double[] l, int p) {
    this.l = l;
    this.p = p;
  }

  /** Factors {@code a} (only its lower triangle is read); fails if it is not positive definite. */
  static Cholesky factor(double[] a, int p) {
    double[] l = new double[p * p];
    for (int j = 0; j < p; j++) {
      int rj = j * p;
      double s = a[rj + j];
      for (int k = 0; k < j; k++) {
        s -= l[rj + k] * l[rj + k];
      }
      if (!(s > 0)) {
        throw new ArithmeticException("matrix is not positive definite at column " + j + " (pivot " + s + ")");
      }
      double d = Math.sqrt(s);
      l[rj + j] = d;
      for (int i = j + 1; i < p; i++) {
        int ri = i * p;
        double t = a[ri + j];
        for (int k = 0; k < j; k++) {
          t -= l[ri + k] * l[rj + k];
        }
        l[ri + j] = t / d;
      }
    }
    return new Cholesky(l, p);
  }

  /** x with A x = b. */
  double[] solve(double[] b) {
    double[] y = new double[p];
    for (int i = 0; i < p; i++) {
      int ri = i * p;
      double s = b[i];
      for (int k = 0; k < i; k++) {
        s -= l[ri + k] * y[k];
      }
      y[i] = s / l[ri + i];
    }
    double[] x = new double[p];
    for (int i = p - 1; i >= 0; i--) {
      double s = y[i];
      for (int k = i + 1; k < p; k++) {
        s -= l[k * p + i] * x[k];
      }
      x[i] = s / l[i * p + i];
    }
    return x;
  }
}

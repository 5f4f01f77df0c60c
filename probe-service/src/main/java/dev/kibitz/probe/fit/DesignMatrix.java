package dev.kibitz.probe.fit;

import dev.kibitz.probe.data.Activations;

/**
 * Standardised rows of one split gathered into a dense row-major double matrix with a leading
 * column of ones (the intercept), plus the three products every solver is made of: X theta,
 * X^T u and the weighted Gram X^T diag(w) X. Loops are written so the JIT vectorises them.
 */
public final class DesignMatrix {
  private final double[] z;
  private final int n;
  private final int p;

  private DesignMatrix(double[] z, int n, int p) {
    this.z = z;
    this.n = n;
    this.p = p;
  }

  /** The given rows of {@code x}, standardised by {@code s} (which may come from other rows). */
  public static DesignMatrix of(Activations x, int[] rows, Standardization s) {
    int d = x.dim();
    if (s.dim() != d) {
      throw new IllegalArgumentException("standardization has " + s.dim() + " features, activations " + d);
    }
    int p = d + 1;
    double[] z = new double[Math.multiplyExact(rows.length, p)];
    double[] inv = new double[d];
    for (int j = 0; j < d; j++) {
      inv[j] = 1 / s.scale()[j];
    }
    float[] v = x.values();
    double[] mean = s.mean();
    for (int i = 0; i < rows.length; i++) {
      int o = i * p;
      int src = rows[i] * d;
      z[o] = 1;
      for (int j = 0; j < d; j++) {
        z[o + 1 + j] = (v[src + j] - mean[j]) * inv[j];
      }
    }
    return new DesignMatrix(z, rows.length, p);
  }

  public int rows() {
    return n;
  }

  /** Columns including the intercept column. */
  public int columns() {
    return p;
  }

  /** X theta: each row's score. */
  public double[] times(double[] theta) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = dot(z, i * p, theta, p);
    }
    return out;
  }

  /** X^T u. */
  public double[] transposeTimes(double[] u) {
    double[] out = new double[p];
    for (int i = 0; i < n; i++) {
      double ui = u[i];
      int o = i * p;
      for (int j = 0; j < p; j++) {
        out[j] += ui * z[o + j];
      }
    }
    return out;
  }

  /**
   * X^T diag(w) X as a full symmetric row-major p x p matrix. Four rows at a time update the upper
   * triangle, which quarters the traffic through the accumulator; the lower half is mirrored.
   */
  public double[] gram(double[] w) {
    double[] h = new double[p * p];
    int i = 0;
    for (; i + 3 < n; i += 4) {
      int o0 = i * p;
      int o1 = o0 + p;
      int o2 = o1 + p;
      int o3 = o2 + p;
      for (int a = 0; a < p; a++) {
        double s0 = w[i] * z[o0 + a];
        double s1 = w[i + 1] * z[o1 + a];
        double s2 = w[i + 2] * z[o2 + a];
        double s3 = w[i + 3] * z[o3 + a];
        int ha = a * p;
        for (int b = a; b < p; b++) {
          h[ha + b] += s0 * z[o0 + b] + s1 * z[o1 + b] + s2 * z[o2 + b] + s3 * z[o3 + b];
        }
      }
    }
    for (; i < n; i++) {
      int o = i * p;
      for (int a = 0; a < p; a++) {
        double s = w[i] * z[o + a];
        int ha = a * p;
        for (int b = a; b < p; b++) {
          h[ha + b] += s * z[o + b];
        }
      }
    }
    for (int a = 0; a < p; a++) {
      for (int b = 0; b < a; b++) {
        h[a * p + b] = h[b * p + a];
      }
    }
    return h;
  }

  /**
   * Xc Xc^T as a full symmetric row-major n x n matrix, Xc being the feature columns (not the
   * intercept) minus {@code columnMean}: the kernel of the wide ridge solve.
   */
  public double[] centredRowGram(double[] columnMean) {
    int d = p - 1;
    double[] c = new double[Math.multiplyExact(n, d)];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        c[i * d + j] = z[i * p + 1 + j] - columnMean[1 + j];
      }
    }
    double[] k = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        double s = dot(c, i * d, c, j * d, d);
        k[i * n + j] = s;
        k[j * n + i] = s;
      }
    }
    return k;
  }

  /** Four partial sums break the add chain's latency; the order is fixed, so results are reproducible. */
  private static double dot(double[] z, int o, double[] t, int p) {
    return dot(z, o, t, 0, p);
  }

  private static double dot(double[] a, int ao, double[] b, int bo, int len) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int j = 0;
    for (; j + 3 < len; j += 4) {
      s0 += a[ao + j] * b[bo + j];
      s1 += a[ao + j + 1] * b[bo + j + 1];
      s2 += a[ao + j + 2] * b[bo + j + 2];
      s3 += a[ao + j + 3] * b[bo + j + 3];
    }
    for (; j < len; j++) {
      s0 += a[ao + j] * b[bo + j];
    }
    return (s0 + s1) + (s2 + s3);
  }

}

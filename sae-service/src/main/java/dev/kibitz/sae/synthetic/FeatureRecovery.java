package dev.kibitz.sae.synthetic;

import dev.kibitz.core.tensor.HostTensor;

/**
 * How well learned decoder rows recover true directions: for each true feature, the largest
 * cosine with any decoder row (signed: a feature fires with positive magnitude, so an
 * anti-parallel row does not recover it), averaged (the "mean max cosine similarity" of SAE benchmarks).
 */
public final class FeatureRecovery {
  private FeatureRecovery() {}

  /**
   * @param truth [n, d] true directions (unit rows)
   * @param decoder [m, d] W_dec, rows of any norm
   * @return per true feature, max over decoder rows of cos
   */
  public static double[] maxCosines(HostTensor truth, HostTensor decoder) {
    float[] t = truth.toFloats();
    float[] w = decoder.toFloats();
    int d = (int) truth.shape()[1];
    if (decoder.shape()[1] != d) {
      throw new IllegalArgumentException("decoder " + decoder + " does not match true directions " + truth);
    }
    int n = t.length / d;
    int m = w.length / d;
    double[] wNorm = new double[m];
    for (int i = 0; i < m; i++) {
      wNorm[i] = Math.sqrt(dot(w, i, w, i, d));
    }
    double[] best = new double[n];
    java.util.Arrays.fill(best, -1);
    for (int f = 0; f < n; f++) {
      double tNorm = Math.sqrt(dot(t, f, t, f, d));
      for (int i = 0; i < m; i++) {
        best[f] = Math.max(best[f], dot(t, f, w, i, d) / (tNorm * wNorm[i] + 1e-12));
      }
    }
    return best;
  }

  public static double meanMaxCosine(HostTensor truth, HostTensor decoder) {
    double sum = 0;
    double[] c = maxCosines(truth, decoder);
    for (double v : c) {
      sum += v;
    }
    return sum / c.length;
  }

  private static double dot(float[] a, int i, float[] b, int j, int d) {
    double s = 0;
    for (int k = 0; k < d; k++) {
      s += (double) a[i * d + k] * b[j * d + k];
    }
    return s;
  }
}

package dev.kibitz.probe.fit;

import dev.kibitz.probe.data.Activations;

/**
 * Per-feature mean and scale of the training rows. Probes are fitted on standardised features so
 * one penalty grid suits every hook whatever its activation scale; {@link #toOriginal} maps the
 * fitted weights back so the direction acts on raw activations (a steering vector).
 */
public record Standardization(double[] mean, double[] scale) {

  /** Features constant on the training rows get scale 1, so they stay zero instead of dividing by zero. */
  public static Standardization fit(Activations x, int[] rows) {
    int d = x.dim();
    double[] mean = new double[d];
    float[] v = x.values();
    for (int r : rows) {
      int o = r * d;
      for (int j = 0; j < d; j++) {
        mean[j] += v[o + j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= rows.length;
    }
    double[] var = new double[d];
    for (int r : rows) {
      int o = r * d;
      for (int j = 0; j < d; j++) {
        double c = v[o + j] - mean[j];
        var[j] += c * c;
      }
    }
    double[] scale = new double[d];
    for (int j = 0; j < d; j++) {
      double s = Math.sqrt(var[j] / rows.length);
      scale[j] = s > 1e-12 * (1 + Math.abs(mean[j])) ? s : 1;
    }
    return new Standardization(mean, scale);
  }

  public int dim() {
    return mean.length;
  }

  /** The score w.z + b on standardised z as direction.x + bias on raw x: {bias, direction...}. */
  public double[] toOriginal(LinearModel m) {
    double[] out = new double[dim() + 1];
    double bias = m.intercept();
    for (int j = 0; j < dim(); j++) {
      double w = m.weight(j) / scale[j];
      out[j + 1] = w;
      bias -= w * mean[j];
    }
    out[0] = bias;
    return out;
  }
}

package dev.kibitz.probe.synthetic;

import dev.kibitz.probe.data.Activations;
import dev.kibitz.probe.data.ConceptLabels;
import java.util.Random;

/**
 * Ground truth for probes: Gaussian "activations" x = Q diag(s) g with anisotropic scales s (log-spaced
 * from 1/4 to 4) and, for dense concepts, a random rotation Q; a planted unit direction w; and labels
 * y = [w.x + noise * e > threshold] (binary) or y = w.x + noise * e (real), e standard normal. The
 * best any classifier can do is known in closed form ({@link #bayesAccuracy}, {@link #bayesR2}), so
 * tests can hold a probe to it. Everything is drawn from seeded java.util.Random streams.
 */
public final class PlantedConcept {
  private static final double MIN_SCALE = 0.25;
  private static final double MAX_SCALE = 4;

  private final double[] direction;
  private final double[] scales;
  /** Row-major d x d orthogonal matrix, or null for axis-aligned features. */
  private final double[] rotation;
  private final double noise;
  private final double threshold;

  private PlantedConcept(double[] direction, double[] scales, double[] rotation, double noise, double threshold) {
    this.direction = direction;
    this.scales = scales;
    this.rotation = rotation;
    this.noise = noise;
    this.threshold = threshold;
  }

  /** A random dense direction in rotated, correlated features. */
  public static PlantedConcept dense(int dim, double noise, double threshold, long seed) {
    Random r = new Random(seed);
    double[] w = new double[dim];
    for (int j = 0; j < dim; j++) {
      w[j] = r.nextGaussian();
    }
    return new PlantedConcept(unit(w), scales(dim), orthogonal(dim, r), noise, threshold);
  }

  /**
   * A direction on {@code support} random features, with weights of random sign and magnitude in
   * [0.5, 1] before normalising, in independent (axis-aligned) features: L1 probes should find exactly them.
   */
  public static PlantedConcept sparse(int dim, int support, double noise, double threshold, long seed) {
    if (support < 1 || support > dim) {
      throw new IllegalArgumentException("support must be in [1, " + dim + "], got " + support);
    }
    Random r = new Random(seed);
    double[] w = new double[dim];
    int placed = 0;
    while (placed < support) {
      int j = r.nextInt(dim);
      if (w[j] == 0) {
        w[j] = (r.nextBoolean() ? 1 : -1) * (0.5 + 0.5 * r.nextDouble());
        placed++;
      }
    }
    return new PlantedConcept(unit(w), scales(dim), null, noise, threshold);
  }

  public record Sample(Activations activations, ConceptLabels labels) {}

  public Sample binary(int rows, long seed) {
    Random r = new Random(seed);
    float[] x = new float[rows * dim()];
    boolean[] y = new boolean[rows];
    for (int i = 0; i < rows; i++) {
      y[i] = drawRow(r, x, i) + noise * r.nextGaussian() > threshold;
    }
    return new Sample(new Activations(x, rows, dim()), new ConceptLabels.Binary(y));
  }

  public Sample real(int rows, long seed) {
    Random r = new Random(seed);
    float[] x = new float[rows * dim()];
    double[] y = new double[rows];
    for (int i = 0; i < rows; i++) {
      y[i] = drawRow(r, x, i) + noise * r.nextGaussian();
    }
    return new Sample(new Activations(x, rows, dim()), new ConceptLabels.Real(y));
  }

  public int dim() {
    return direction.length;
  }

  /** The planted unit direction w. */
  public double[] direction() {
    return direction.clone();
  }

  /** The standard deviation of w.x over the activation distribution: sqrt(w^T Sigma w). */
  public double signalStd() {
    double v = 0;
    int d = dim();
    for (int k = 0; k < d; k++) {
      // Sigma = Q S^2 Q^T, so w^T Sigma w = sum_k (s_k (Q^T w)_k)^2.
      double c = 0;
      if (rotation == null) {
        c = direction[k];
      } else {
        for (int j = 0; j < d; j++) {
          c += rotation[j * d + k] * direction[j];
        }
      }
      v += scales[k] * scales[k] * c * c;
    }
    return Math.sqrt(v);
  }

  /**
   * Accuracy of the Bayes rule [w.x > threshold]: E over u = w.x ~ N(0, v) of Phi(|u - threshold| / noise),
   * by Simpson's rule over +-12 standard deviations.
   */
  public double bayesAccuracy() {
    double sd = signalStd();
    if (noise == 0) {
      return 1;
    }
    int m = 20_000;
    double lo = -12 * sd;
    double h = 24 * sd / m;
    double sum = 0;
    for (int k = 0; k <= m; k++) {
      double u = lo + k * h;
      double f = Normal.pdf(u / sd) / sd * Normal.cdf(Math.abs(u - threshold) / noise);
      sum += f * (k == 0 || k == m ? 1 : k % 2 == 1 ? 4 : 2);
    }
    return sum * h / 3;
  }

  /** Share of positive labels: P(u + noise e > threshold) = Phi(-threshold / sqrt(v + noise^2)). */
  public double positiveRate() {
    double sd = signalStd();
    return Normal.cdf(-threshold / Math.sqrt(sd * sd + noise * noise));
  }

  /** The R2 of predicting y by w.x itself: v / (v + noise^2). */
  public double bayesR2() {
    double v = signalStd() * signalStd();
    return v / (v + noise * noise);
  }

  /** Writes row i of x and returns w.x. */
  private double drawRow(Random r, float[] x, int i) {
    int d = dim();
    double[] g = new double[d];
    for (int k = 0; k < d; k++) {
      g[k] = scales[k] * r.nextGaussian();
    }
    double dot = 0;
    for (int j = 0; j < d; j++) {
      double v = g[j];
      if (rotation != null) {
        v = 0;
        int o = j * d;
        for (int k = 0; k < d; k++) {
          v += rotation[o + k] * g[k];
        }
      }
      // The label follows the float the probe sees, not the double before rounding.
      float f = (float) v;
      x[i * d + j] = f;
      dot += direction[j] * f;
    }
    return dot;
  }

  private static double[] scales(int dim) {
    double[] s = new double[dim];
    for (int k = 0; k < dim; k++) {
      double t = dim == 1 ? 0 : (double) k / (dim - 1);
      s[k] = Math.exp(Math.log(MIN_SCALE) + t * (Math.log(MAX_SCALE) - Math.log(MIN_SCALE)));
    }
    return s;
  }

  private static double[] unit(double[] w) {
    double n = 0;
    for (double v : w) {
      n += v * v;
    }
    n = Math.sqrt(n);
    for (int j = 0; j < w.length; j++) {
      w[j] /= n;
    }
    return w;
  }

  /** Gram-Schmidt on Gaussian columns: a random orthogonal matrix (row-major). */
  private static double[] orthogonal(int d, Random r) {
    double[][] cols = new double[d][d];
    for (int c = 0; c < d; c++) {
      for (int k = 0; k < d; k++) {
        cols[c][k] = r.nextGaussian();
      }
      // Twice is enough: one pass loses orthogonality to rounding at d in the hundreds.
      for (int pass = 0; pass < 2; pass++) {
        for (int prev = 0; prev < c; prev++) {
          double dot = 0;
          for (int k = 0; k < d; k++) {
            dot += cols[c][k] * cols[prev][k];
          }
          for (int k = 0; k < d; k++) {
            cols[c][k] -= dot * cols[prev][k];
          }
        }
      }
      unit(cols[c]);
    }
    double[] q = new double[d * d];
    for (int j = 0; j < d; j++) {
      for (int c = 0; c < d; c++) {
        q[j * d + c] = cols[c][j];
      }
    }
    return q;
  }
}

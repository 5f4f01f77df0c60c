package dev.kibitz.probe;

import dev.kibitz.probe.data.Activations;
import java.util.Arrays;

/**
 * A trained probe in the activation space of its hook: score = direction . x + bias (a logit for
 * binary concepts, the predicted value for real ones). Standardisation is folded in, so the direction
 * can be added to activations as a steering vector as it is.
 */
public record LinearProbe(double[] direction, double bias) {

  public double score(Activations x, int row) {
    int o = row * x.dim();
    float[] v = x.values();
    double s = bias;
    for (int j = 0; j < direction.length; j++) {
      s += direction[j] * v[o + j];
    }
    return s;
  }

  public double norm() {
    double s = 0;
    for (double w : direction) {
      s += w * w;
    }
    return Math.sqrt(s);
  }

  /** Cosine similarity of the two directions. */
  public double cosine(double[] other) {
    double dot = 0;
    double nn = 0;
    for (int j = 0; j < direction.length; j++) {
      dot += direction[j] * other[j];
      nn += other[j] * other[j];
    }
    return dot / (norm() * Math.sqrt(nn));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LinearProbe p && Double.compare(bias, p.bias) == 0 && Arrays.equals(direction, p.direction);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(direction) + Double.hashCode(bias);
  }

  @Override
  public String toString() {
    return "LinearProbe{dim=" + direction.length + ", norm=" + norm() + ", bias=" + bias + "}";
  }
}

package dev.kibitz.core.tensor;

/** Host-side helpers for small logit vectors read back by clients (not for activations). */
public final class Logits {
  private Logits() {}

  /** Softmax of logits[from, from + n), computed stably (max subtracted). */
  public static float[] softmax(float[] logits, int from, int n) {
    float max = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      max = Math.max(max, logits[from + i]);
    }
    double sum = 0;
    float[] p = new float[n];
    for (int i = 0; i < n; i++) {
      p[i] = (float) Math.exp(logits[from + i] - max);
      sum += p[i];
    }
    for (int i = 0; i < n; i++) {
      p[i] /= (float) sum;
    }
    return p;
  }
}

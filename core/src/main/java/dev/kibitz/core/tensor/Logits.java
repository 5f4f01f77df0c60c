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

  /** Index of the largest of {@code values} (the first, on ties). */
  public static int argmax(float[] values) {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      if (values[i] > values[best]) {
        best = i;
      }
    }
    return best;
  }

  /** Index of the largest of {@code values} (the first, on ties). */
  public static int argmax(double[] values) {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      if (values[i] > values[best]) {
        best = i;
      }
    }
    return best;
  }

  /** Indices of the {@code k} largest of {@code values}, largest first (earlier index first on ties). */
  public static java.util.List<Integer> topK(float[] values, int k) {
    java.util.List<Integer> out = new java.util.ArrayList<>();
    boolean[] taken = new boolean[values.length];
    for (int n = 0; n < Math.min(k, values.length); n++) {
      int best = -1;
      for (int i = 0; i < values.length; i++) {
        if (!taken[i] && (best < 0 || values[i] > values[best])) {
          best = i;
        }
      }
      taken[best] = true;
      out.add(best);
    }
    return out;
  }
}

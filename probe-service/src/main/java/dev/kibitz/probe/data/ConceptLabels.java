package dev.kibitz.probe.data;

import java.util.Random;

/**
 * The value of one concept at each activation row: a yes/no property (in check, cheese visible)
 * probed by logistic regression, or a real quantity (material balance, distance to goal) probed by
 * ridge regression.
 */
public sealed interface ConceptLabels permits ConceptLabels.Binary, ConceptLabels.Real {

  int size();

  /** The labels as regression targets: 0/1 for binary concepts. */
  double[] targets();

  /** The same labels in an order shuffled by {@code seed}: the control task's labels. */
  ConceptLabels shuffled(long seed);

  record Binary(boolean[] values) implements ConceptLabels {
    @Override
    public int size() {
      return values.length;
    }

    @Override
    public double[] targets() {
      double[] t = new double[values.length];
      for (int i = 0; i < t.length; i++) {
        t[i] = values[i] ? 1 : 0;
      }
      return t;
    }

    @Override
    public Binary shuffled(long seed) {
      int[] order = permutation(values.length, seed);
      boolean[] out = new boolean[values.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = values[order[i]];
      }
      return new Binary(out);
    }
  }

  record Real(double[] values) implements ConceptLabels {
    public Real {
      for (int i = 0; i < values.length; i++) {
        if (!Double.isFinite(values[i])) {
          throw new IllegalArgumentException("real concept label at row " + i + " is " + values[i]);
        }
      }
    }

    @Override
    public int size() {
      return values.length;
    }

    @Override
    public double[] targets() {
      return values.clone();
    }

    @Override
    public Real shuffled(long seed) {
      int[] order = permutation(values.length, seed);
      double[] out = new double[values.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = values[order[i]];
      }
      return new Real(out);
    }
  }

  /** A Fisher-Yates permutation of 0..n-1; java.util.Random so it is the same on every JVM. */
  static int[] permutation(int n, long seed) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    Random r = new Random(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }
}

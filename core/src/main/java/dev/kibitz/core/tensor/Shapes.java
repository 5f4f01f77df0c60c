package dev.kibitz.core.tensor;

import java.util.Arrays;

/** Shape arithmetic on plain long[] shapes (per-example shapes, batch shapes). */
public final class Shapes {
  private Shapes() {}

  /** Number of elements; 1 for a scalar shape []. */
  public static long elements(long[] shape) {
    long n = 1;
    for (long d : shape) {
      n = Math.multiplyExact(n, d);
    }
    return n;
  }

  /** [batch] + perExample. */
  public static long[] withBatch(long batch, long[] perExample) {
    long[] s = new long[perExample.length + 1];
    s[0] = batch;
    System.arraycopy(perExample, 0, s, 1, perExample.length);
    return s;
  }

  /** The shape without its leading axis. */
  public static long[] dropFirst(long[] shape) {
    return Arrays.copyOfRange(shape, 1, shape.length);
  }

  public static String format(long[] shape) {
    return Arrays.toString(shape);
  }
}

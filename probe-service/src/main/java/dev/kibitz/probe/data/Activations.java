package dev.kibitz.probe.data;

import dev.kibitz.core.tensor.DType;
import dev.kibitz.core.tensor.HostTensor;

/**
 * Activations of one hook point as a row-major float matrix [rows, dim]: one row per position
 * (board, maze state) in the order the labels follow. Not copied; callers hand it over.
 */
public record Activations(float[] values, int rows, int dim) {

  public Activations {
    if (rows <= 0 || dim <= 0) {
      throw new IllegalArgumentException("activations need at least one row and one feature, got [" + rows + ", "
          + dim + "]");
    }
    if ((long) rows * dim != values.length) {
      throw new IllegalArgumentException("activations [" + rows + ", " + dim + "] need " + (long) rows * dim
          + " values, got " + values.length);
    }
  }

  /** A FLOAT32 tensor of rank 2 (positions, features), as captured at a hook point. */
  public static Activations of(HostTensor t) {
    long[] s = t.shape();
    if (t.dtype() != DType.FLOAT32 || s.length != 2) {
      throw new IllegalArgumentException("probe activations must be FLOAT32 [rows, dim], got " + t);
    }
    return new Activations(t.toFloats(), Math.toIntExact(s[0]), Math.toIntExact(s[1]));
  }

  public float get(int row, int feature) {
    return values[row * dim + feature];
  }

  /** A copy of the given rows, in the given order (e.g. the rows captured at one skill level). */
  public Activations select(int[] rowIndices) {
    float[] out = new float[rowIndices.length * dim];
    for (int i = 0; i < rowIndices.length; i++) {
      System.arraycopy(values, rowIndices[i] * dim, out, i * dim, dim);
    }
    return new Activations(out, rowIndices.length, dim);
  }
}

package dev.kibitz.steering.vector;

import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.core.tensor.TensorCodec;
import dev.kibitz.proto.v1.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** A vector in a hook's activation space: float values of the hook's per-example shape. */
public record Direction(float[] values, long[] shape) {

  public Direction {
    values = values.clone();
    shape = shape.clone();
  }

  @Override
  public float[] values() {
    return values.clone();
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  /** L2 norm, accumulated in double. */
  public double norm() {
    double s = 0;
    for (float v : values) {
      s += (double) v * v;
    }
    return Math.sqrt(s);
  }

  /**
   * mean(positive) - mean(negative), element by element. Each mean is rounded to float before the
   * subtraction, so with one row a side the result is exactly the float difference of the rows.
   */
  public static Direction meanDifference(List<float[]> positive, List<float[]> negative, long[] shape) {
    float[] p = mean(positive);
    float[] n = mean(negative);
    float[] d = new float[p.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = p[i] - n[i];
    }
    return new Direction(d, shape);
  }

  /** Standard-normal elements from Random(seed), rescaled to L2 norm {@code norm}. */
  public static Direction gaussian(long seed, long[] shape, double norm) {
    Random random = new Random(seed);
    float[] v = new float[Math.toIntExact(Arrays.stream(shape).reduce(1, (a, b) -> a * b))];
    double sq = 0;
    double[] g = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      g[i] = random.nextGaussian();
      sq += g[i] * g[i];
    }
    double scale = sq == 0 ? 0 : norm / Math.sqrt(sq);
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (g[i] * scale);
    }
    return new Direction(v, shape);
  }

  public Tensor toProto() {
    return TensorCodec.toProto(HostTensor.ofFloats(shape, values));
  }

  private static float[] mean(List<float[]> rows) {
    double[] sum = new double[rows.get(0).length];
    for (float[] r : rows) {
      for (int i = 0; i < sum.length; i++) {
        sum[i] += r[i];
      }
    }
    float[] out = new float[sum.length];
    for (int i = 0; i < sum.length; i++) {
      out[i] = (float) (sum[i] / rows.size());
    }
    return out;
  }
}

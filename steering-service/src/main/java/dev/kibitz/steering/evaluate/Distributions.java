package dev.kibitz.steering.evaluate;

import dev.kibitz.proto.v1.Distribution;
import java.util.Arrays;
import java.util.List;

/** Mean and quartiles of a list of numbers (quartiles by linear interpolation between order statistics). */
public final class Distributions {
  private Distributions() {}

  public static Distribution of(List<Double> values) {
    if (values.isEmpty()) {
      return Distribution.getDefaultInstance();
    }
    double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return Distribution.newBuilder().setCount(v.length).setMean(Arrays.stream(v).average().orElse(0))
        .setMedian(quantile(v, 0.5)).setQ1(quantile(v, 0.25)).setQ3(quantile(v, 0.75))
        .setMin(v[0]).setMax(v[v.length - 1]).build();
  }

  /** The q-quantile of sorted values: position q * (n - 1), interpolated. */
  static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }
}

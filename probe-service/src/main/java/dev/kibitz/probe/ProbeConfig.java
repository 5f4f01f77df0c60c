package dev.kibitz.probe;

import dev.kibitz.probe.fit.Penalty;
import dev.kibitz.probe.metrics.Metric;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything that decides a probe besides its data; saved beside each probe so it can be rebuilt.
 *
 * @param penalty L2 (logistic or ridge) or L1 (logistic only)
 * @param lambdas penalty strengths tried, each on the mean-loss scale of {@link dev.kibitz.probe.fit.ProbeFitter}
 * @param trainFraction rows fitted on
 * @param validationFraction rows the penalty is chosen on; the rest are test rows
 * @param seed the split's shuffle and the balanced sample
 * @param controlSeed the shuffle of labels for the control task
 * @param balanced downsample the majority class of binary concepts in the training rows
 * @param binaryMetric what binary probes are chosen and compared by; real ones always use R2
 */
public record ProbeConfig(Penalty penalty, List<Double> lambdas, double trainFraction, double validationFraction,
    long seed, long controlSeed, boolean balanced, Metric binaryMetric) {

  public ProbeConfig {
    lambdas = List.copyOf(lambdas);
    if (lambdas.isEmpty()) {
      throw new IllegalArgumentException("the penalty grid is empty");
    }
    for (double l : lambdas) {
      if (!(l >= 0) || Double.isInfinite(l)) {
        throw new IllegalArgumentException("penalty strengths must be finite and at least 0, got " + l);
      }
    }
    if (binaryMetric == Metric.R2) {
      throw new IllegalArgumentException("R2 is not a metric for binary concepts");
    }
  }

  /**
   * L2, 1e-5 to 1 in half decades, 60/20/20, balanced, chosen by balanced accuracy: chance is 0.5
   * for every concept however rare, so selectivities compare across concepts.
   */
  public static ProbeConfig defaults() {
    return new ProbeConfig(Penalty.L2, logGrid(1e-5, 1, 11), 0.6, 0.2, 1234, 4321, true, Metric.BALANCED_ACCURACY);
  }

  public ProbeConfig withPenalty(Penalty p, List<Double> grid) {
    return new ProbeConfig(p, grid, trainFraction, validationFraction, seed, controlSeed, balanced, binaryMetric);
  }

  public ProbeConfig withBalanced(boolean b) {
    return new ProbeConfig(penalty, lambdas, trainFraction, validationFraction, seed, controlSeed, b, binaryMetric);
  }

  public ProbeConfig withSeed(long s) {
    return new ProbeConfig(penalty, lambdas, trainFraction, validationFraction, s, controlSeed, balanced, binaryMetric);
  }

  /** {@code count} values from lo to hi, equally spaced in log. */
  public static List<Double> logGrid(double lo, double hi, int count) {
    if (!(lo > 0 && hi >= lo && count >= 1) || (count == 1 && hi != lo)) {
      throw new IllegalArgumentException("a log grid needs 0 < lo <= hi and count >= 1 (1 only if lo == hi), got "
          + lo + ", " + hi + ", " + count);
    }
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(count == 1 ? lo : Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * i / (count - 1)));
    }
    return out;
  }
}

package dev.kibitz.probe.fit;

import java.util.ArrayList;
import java.util.List;

/**
 * Fits one linear probe at one penalty strength. Objectives are means over rows, so a penalty grid
 * means the same thing at any sample size; the intercept (column 0) is never penalised.
 * Implementations: {@link LogisticL2}, {@link LogisticL1} (binary concepts), {@link Ridge} (real ones).
 */
public interface ProbeFitter {

  /**
   * @param y targets per row of {@code x} (0/1 for logistic fitters)
   * @param lambda penalty strength, at least 0
   * @param start a nearby solution to start from (say the previous grid point), or null
   */
  LinearModel fit(DesignMatrix x, double[] y, double lambda, LinearModel start);

  /**
   * How far {@code m} is from the optimum: the largest violation of the first-order (for L1,
   * subgradient) conditions. Zero at the exact optimum.
   */
  double optimalityGap(DesignMatrix x, double[] y, double lambda, LinearModel m);

  /** Fits along {@code lambdas} in the order given, each fit starting from the previous one. */
  default List<LinearModel> path(DesignMatrix x, double[] y, double[] lambdas) {
    List<LinearModel> out = new ArrayList<>();
    LinearModel prev = null;
    for (double lambda : lambdas) {
      prev = fit(x, y, lambda, prev);
      out.add(prev);
    }
    return out;
  }

  static void check(DesignMatrix x, double[] y, double lambda) {
    if (y.length != x.rows()) {
      throw new IllegalArgumentException(x.rows() + " design rows but " + y.length + " targets");
    }
    if (!(lambda >= 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException("penalty strength must be finite and at least 0, got " + lambda);
    }
  }
}

package dev.kibitz.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LogisticRegressionTest {

  /** Labels drawn from P(y=1) = sigmoid(0.5 + 2 x0 - 1 x1), x ~ N(0, 1), x2 pure noise. */
  private static double[][] x;
  private static int[] y;

  static {
    SplittableRandom r = new SplittableRandom(3);
    int n = 4000;
    x = new double[n][3];
    y = new int[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 3; j++) {
        x[i][j] = gaussian(r);
      }
      double p = 1 / (1 + Math.exp(-(0.5 + 2 * x[i][0] - x[i][1])));
      y[i] = r.nextDouble() < p ? 1 : 0;
    }
  }

  private static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  @Test
  void recoversTheGeneratingCoefficientsPerStandardDeviation() {
    LogisticRegression fit = LogisticRegression.fit(x, y, 1e-6);
    double[] w = fit.coefficients();
    // standard deviations are ~1, so per-SD weights are close to the generating ones
    assertEquals(2.0, w[0], 0.15);
    assertEquals(-1.0, w[1], 0.1);
    assertEquals(0.0, w[2], 0.1);
    assertEquals(0.5, fit.intercept(), 0.1);
  }

  @Test
  void theFitIsAStationaryPointOfThePenalisedLikelihood() {
    double l2 = 5.0;
    LogisticRegression fit = LogisticRegression.fit(x, y, l2);
    double[] mean = new double[3];
    double[] sd = new double[3];
    for (double[] row : x) {
      for (int j = 0; j < 3; j++) {
        mean[j] += row[j] / x.length;
      }
    }
    for (double[] row : x) {
      for (int j = 0; j < 3; j++) {
        sd[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / x.length;
      }
    }
    double[] grad = new double[4];
    for (int i = 0; i < x.length; i++) {
      double residual = fit.probability(x[i]) - y[i];
      grad[0] += residual;
      for (int j = 0; j < 3; j++) {
        grad[j + 1] += residual * (x[i][j] - mean[j]) / Math.sqrt(sd[j]);
      }
    }
    assertEquals(0, grad[0], 1e-6);
    for (int j = 0; j < 3; j++) {
      assertEquals(0, grad[j + 1] + l2 * fit.coefficients()[j], 1e-6);
    }
  }

  @Test
  void separatesBetterThanTheBaseRate() {
    LogisticRegression fit = LogisticRegression.fit(x, y, 1.0);
    double positives = java.util.Arrays.stream(y).sum();
    double base = Math.max(positives, y.length - positives) / y.length;
    assertTrue(fit.accuracy(x, y) > base + 0.1, fit.accuracy(x, y) + " vs base " + base);
  }
}

package dev.kibitz.probe.fit;

/** The mean logistic loss and its derivatives, shared by the two logistic fitters. */
final class LogisticLoss {
  private LogisticLoss() {}

  /** (1/n) sum log(1 + e^s) - y s, computed without overflow. */
  static double value(double[] scores, double[] y) {
    double sum = 0;
    for (int i = 0; i < scores.length; i++) {
      double s = scores[i];
      sum += Math.max(s, 0) + Math.log1p(Math.exp(-Math.abs(s))) - y[i] * s;
    }
    return sum / scores.length;
  }

  static double sigmoid(double s) {
    return s >= 0 ? 1 / (1 + Math.exp(-s)) : Math.exp(s) / (1 + Math.exp(s));
  }

  /** Gradient of the mean loss: X^T (p - y) / n; fills {@code prob} with p. */
  static double[] gradient(DesignMatrix x, double[] scores, double[] y, double[] prob) {
    int n = scores.length;
    double[] r = new double[n];
    for (int i = 0; i < n; i++) {
      prob[i] = sigmoid(scores[i]);
      r[i] = (prob[i] - y[i]) / n;
    }
    return x.transposeTimes(r);
  }

  /** The intercept-only optimum log(ybar / (1 - ybar)), the natural cold start. */
  static double[] start(double[] y, int columns) {
    double mean = 0;
    for (double v : y) {
      mean += v;
    }
    mean /= y.length;
    double clipped = Math.min(Math.max(mean, 1e-6), 1 - 1e-6);
    double[] theta = new double[columns];
    theta[0] = Math.log(clipped / (1 - clipped));
    return theta;
  }

  static void checkBinary(double[] y) {
    for (int i = 0; i < y.length; i++) {
      if (y[i] != 0 && y[i] != 1) {
        throw new IllegalArgumentException("logistic probes need 0/1 targets, row " + i + " has " + y[i]);
      }
    }
  }

  static double maxAbs(double[] v) {
    double m = 0;
    for (double a : v) {
      m = Math.max(m, Math.abs(a));
    }
    return m;
  }
}

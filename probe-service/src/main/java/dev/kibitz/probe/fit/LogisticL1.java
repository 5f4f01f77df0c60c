package dev.kibitz.probe.fit;

/**
 * L1-penalised logistic regression, mean loss + lambda |w|_1, by proximal Newton (the newGLMNET
 * scheme): each outer step minimises the local quadratic model plus the exact L1 term by cyclic
 * coordinate descent on the p x p Hessian, then backtracks on the true objective. Soft-thresholding
 * puts exact zeros in the weights, so the support it reports is the support it found.
 */
public final class LogisticL1 implements ProbeFitter {
  public static final double DEFAULT_TOLERANCE = 1e-7;
  private static final int MAX_OUTER = 100;
  private static final int MAX_SWEEPS = 1000;
  private static final double JITTER = 1e-10;

  private final double tolerance;

  public LogisticL1() {
    this(DEFAULT_TOLERANCE);
  }

  /** @param tolerance stop once the subgradient optimality conditions hold to within this */
  public LogisticL1(double tolerance) {
    this.tolerance = tolerance;
  }

  @Override
  public LinearModel fit(DesignMatrix x, double[] y, double lambda, LinearModel start) {
    ProbeFitter.check(x, y, lambda);
    LogisticLoss.checkBinary(y);
    int n = x.rows();
    int p = x.columns();
    double[] theta = start != null ? start.theta().clone() : LogisticLoss.start(y, p);
    double[] s = x.times(theta);
    double f = objective(s, y, theta, lambda);
    double[] prob = new double[n];
    double[] w = new double[n];
    int iter = 0;
    for (; iter < MAX_OUTER; iter++) {
      double[] g = LogisticLoss.gradient(x, s, y, prob);
      if (gap(g, theta, lambda) <= tolerance) {
        break;
      }
      for (int i = 0; i < n; i++) {
        w[i] = prob[i] * (1 - prob[i]) / n;
      }
      double[] h = x.gram(w);
      double[] delta = quadraticStep(h, p, g, theta, lambda);
      double[] xDelta = x.times(delta);
      // Decrease predicted by the model's linear part: the Armijo reference for L1 (Tseng and Yun).
      double predicted = LogisticL2.dot(g, delta) + lambda * (l1(theta, delta, 1) - l1(theta, delta, 0));
      double t = 1;
      boolean accepted = false;
      for (int k = 0; k < 40 && !accepted; k++, t /= 2) {
        double[] thetaNew = new double[p];
        double[] sNew = new double[n];
        for (int j = 0; j < p; j++) {
          thetaNew[j] = theta[j] + t * delta[j];
        }
        for (int i = 0; i < n; i++) {
          sNew[i] = s[i] + t * xDelta[i];
        }
        double fNew = objective(sNew, y, thetaNew, lambda);
        if (fNew <= f + 1e-4 * t * predicted) {
          accepted = true;
          theta = thetaNew;
          s = sNew;
          f = fNew;
        }
      }
      if (!accepted) {
        break;
      }
    }
    return new LinearModel(theta, iter);
  }

  @Override
  public double optimalityGap(DesignMatrix x, double[] y, double lambda, LinearModel m) {
    double[] g = LogisticLoss.gradient(x, x.times(m.theta()), y, new double[x.rows()]);
    return gap(g, m.theta(), lambda);
  }

  /** The step minimising g.d + d^T H d / 2 + lambda |theta + d|_1 over d, by coordinate descent. */
  private static double[] quadraticStep(double[] h, int p, double[] g, double[] theta, double lambda) {
    double[] d = new double[p];
    double[] hd = new double[p];
    for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
      double change = 0;
      for (int j = 0; j < p; j++) {
        double a = h[j * p + j] + JITTER;
        double c = g[j] + hd[j] - a * d[j];
        double next;
        if (j == 0) {
          next = -c / a;
        } else {
          double u = softThreshold(a * theta[j] - c, lambda) / a;
          next = u - theta[j];
        }
        double diff = next - d[j];
        if (diff != 0) {
          d[j] = next;
          int rj = j * p;
          for (int k = 0; k < p; k++) {
            hd[k] += diff * h[rj + k];
          }
          hd[j] += diff * JITTER;
          change = Math.max(change, Math.abs(diff) * Math.sqrt(a));
        }
      }
      if (change < 1e-12) {
        break;
      }
    }
    return d;
  }

  private static double softThreshold(double v, double t) {
    return v > t ? v - t : v < -t ? v + t : 0;
  }

  /** The largest violation of 0 in (gradient + lambda * subdifferential of |w|_1), intercept unpenalised. */
  private static double gap(double[] g, double[] theta, double lambda) {
    double worst = Math.abs(g[0]);
    for (int j = 1; j < g.length; j++) {
      double v = theta[j] != 0 ? Math.abs(g[j] + lambda * Math.signum(theta[j])) : Math.max(Math.abs(g[j]) - lambda, 0);
      worst = Math.max(worst, v);
    }
    return worst;
  }

  /** |theta + t delta|_1 over the penalised weights. */
  private static double l1(double[] theta, double[] delta, double t) {
    double sum = 0;
    for (int j = 1; j < theta.length; j++) {
      sum += Math.abs(theta[j] + t * delta[j]);
    }
    return sum;
  }

  private static double objective(double[] s, double[] y, double[] theta, double lambda) {
    double sum = 0;
    for (int j = 1; j < theta.length; j++) {
      sum += Math.abs(theta[j]);
    }
    return LogisticLoss.value(s, y) + lambda * sum;
  }
}

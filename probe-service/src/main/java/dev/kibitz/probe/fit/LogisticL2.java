package dev.kibitz.probe.fit;

/**
 * L2-penalised logistic regression, mean loss + lambda/2 |w|^2, by Newton's method. The Hessian
 * X^T W X is built and Cholesky-factored only when it has gone stale: between rebuilds each Newton
 * system is solved by conjugate gradients with exact Hessian-vector products (two passes over the
 * data) preconditioned by the last factorisation, which takes one to a few products per step.
 * Building the Hessian costs about p/4 products, so at p = 257 this is several times faster than
 * rebuilding it every step, and converges as fast (the inner solves tighten as the gradient shrinks).
 * Core's {@code LogisticRegression} solves the same problem for a handful of features.
 *
 * <p>With more features than rows (a chess block's 4096 activations over a few hundred positions)
 * the Hessian is lambda I plus a rank-n term, so unpreconditioned conjugate gradients solve each
 * Newton system in at most n + 1 products of O(n p) each; building and factoring the p x p Hessian
 * instead costs O(n p^2 + p^3) per build and made such probes take minutes.
 */
public final class LogisticL2 implements ProbeFitter {
  public static final double DEFAULT_TOLERANCE = 1e-8;
  private static final int MAX_NEWTON = 100;
  private static final int MAX_CG = 50;
  private static final double JITTER = 1e-10;

  private final double tolerance;

  public LogisticL2() {
    this(DEFAULT_TOLERANCE);
  }

  /** @param tolerance stop once every component of the objective's gradient is at most this */
  public LogisticL2(double tolerance) {
    this.tolerance = tolerance;
  }

  @Override
  public LinearModel fit(DesignMatrix x, double[] y, double lambda, LinearModel start) {
    ProbeFitter.check(x, y, lambda);
    LogisticLoss.checkBinary(y);
    int n = x.rows();
    double[] theta = start != null ? start.theta().clone() : LogisticLoss.start(y, x.columns());
    double[] s = x.times(theta);
    double f = objective(s, y, theta, lambda);
    double[] prob = new double[n];
    double[] w = new double[n];
    Cholesky pre = null;
    boolean wide = x.columns() > n;
    int productsSinceBuild = 0;
    int iter = 0;
    for (; iter < MAX_NEWTON; iter++) {
      double[] g = gradient(x, s, y, theta, lambda, prob);
      double gmax = LogisticLoss.maxAbs(g);
      if (gmax <= tolerance) {
        break;
      }
      for (int i = 0; i < n; i++) {
        w[i] = prob[i] * (1 - prob[i]) / n;
      }
      Step step;
      if (wide) {
        step = conjugateGradient(x, w, lambda, g, null, Math.min(0.1, Math.sqrt(gmax)), n + 2);
      } else if (pre == null) {
        pre = Cholesky.factor(hessian(x, w, lambda), x.columns());
        productsSinceBuild = 0;
        double[] d = pre.solve(negate(g));
        step = new Step(d, x.times(d), 0);
      } else {
        step = conjugateGradient(x, w, lambda, g, pre, Math.min(0.1, Math.sqrt(gmax)), MAX_CG);
        productsSinceBuild += step.cgSteps();
        // A Hessian costs about p/4 Hessian-vector products: rebuild once the stale one has cost as much.
        if (productsSinceBuild > x.columns() / 4 || step.cgSteps() == MAX_CG) {
          pre = null;
        }
      }
      double slope = dot(g, step.delta());
      double t = 1;
      boolean accepted = false;
      for (int k = 0; k < 40 && !accepted; k++, t /= 2) {
        double[] sNew = new double[n];
        for (int i = 0; i < n; i++) {
          sNew[i] = s[i] + t * step.xDelta()[i];
        }
        double[] thetaNew = theta.clone();
        for (int j = 0; j < theta.length; j++) {
          thetaNew[j] += t * step.delta()[j];
        }
        double fNew = objective(sNew, y, thetaNew, lambda);
        if (fNew <= f + 1e-4 * t * slope) {
          accepted = true;
          s = sNew;
          theta = thetaNew;
          f = fNew;
        }
      }
      if (!accepted) {
        break; // no descent left at double precision: as close to the optimum as arithmetic allows
      }
    }
    return new LinearModel(theta, iter);
  }

  @Override
  public double optimalityGap(DesignMatrix x, double[] y, double lambda, LinearModel m) {
    double[] g = gradient(x, x.times(m.theta()), y, m.theta(), lambda, new double[x.rows()]);
    return LogisticLoss.maxAbs(g);
  }

  private record Step(double[] delta, double[] xDelta, int cgSteps) {}

  /** Solves H d = -g by conjugate gradients (preconditioned by {@code pre} unless null) to relative residual {@code eta}. */
  private static Step conjugateGradient(DesignMatrix x, double[] w, double lambda, double[] g, Cholesky pre,
      double eta, int maxSteps) {
    int p = g.length;
    int n = x.rows();
    double[] delta = new double[p];
    double[] xDelta = new double[n];
    double[] r = negate(g);
    double[] z = pre == null ? r.clone() : pre.solve(r);
    double[] d = z.clone();
    double rz = dot(r, z);
    double stop = eta * Math.sqrt(dot(g, g));
    int k = 0;
    while (k < maxSteps) {
      k++;
      double[] xd = x.times(d);
      double[] hd = hessianTimes(x, w, lambda, d, xd);
      double alpha = rz / dot(d, hd);
      for (int j = 0; j < p; j++) {
        delta[j] += alpha * d[j];
        r[j] -= alpha * hd[j];
      }
      for (int i = 0; i < n; i++) {
        xDelta[i] += alpha * xd[i];
      }
      if (Math.sqrt(dot(r, r)) <= stop) {
        break;
      }
      z = pre == null ? r.clone() : pre.solve(r);
      double rzNew = dot(r, z);
      double beta = rzNew / rz;
      rz = rzNew;
      for (int j = 0; j < p; j++) {
        d[j] = z[j] + beta * d[j];
      }
    }
    return new Step(delta, xDelta, k);
  }

  private static double[] hessianTimes(DesignMatrix x, double[] w, double lambda, double[] v, double[] xv) {
    double[] u = new double[xv.length];
    for (int i = 0; i < u.length; i++) {
      u[i] = w[i] * xv[i];
    }
    double[] out = x.transposeTimes(u);
    out[0] += JITTER * v[0];
    for (int j = 1; j < out.length; j++) {
      out[j] += (lambda + JITTER) * v[j];
    }
    return out;
  }

  private static double[] hessian(DesignMatrix x, double[] w, double lambda) {
    double[] h = x.gram(w);
    int p = x.columns();
    h[0] += JITTER;
    for (int j = 1; j < p; j++) {
      h[j * p + j] += lambda + JITTER;
    }
    return h;
  }

  private static double[] gradient(DesignMatrix x, double[] s, double[] y, double[] theta, double lambda,
      double[] prob) {
    double[] g = LogisticLoss.gradient(x, s, y, prob);
    for (int j = 1; j < g.length; j++) {
      g[j] += lambda * theta[j];
    }
    return g;
  }

  private static double objective(double[] s, double[] y, double[] theta, double lambda) {
    double sq = 0;
    for (int j = 1; j < theta.length; j++) {
      sq += theta[j] * theta[j];
    }
    return LogisticLoss.value(s, y) + 0.5 * lambda * sq;
  }

  private static double[] negate(double[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = -v[i];
    }
    return out;
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}

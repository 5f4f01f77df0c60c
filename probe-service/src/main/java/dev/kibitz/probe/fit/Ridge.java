package dev.kibitz.probe.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Ridge regression for real-valued concepts, mean squared error / 2 + lambda/2 |w|^2, in closed
 * form: (X^T X / n + lambda I') theta = X^T y / n by Cholesky, I' sparing the intercept. Along a
 * penalty path the Gram matrix is built once and only refactored per lambda.
 *
 * <p>With more features than rows the same solution comes from the n x n system instead: centre
 * the features and the target on the rows (the unpenalised intercept's job), solve
 * (Xc Xc^T / n + lambda I) a = yc / n, and take w = Xc^T a, intercept = mean(y) - mean(x) . w.
 * That costs O(n^2 p) instead of O(n p^2 + p^3): seconds instead of minutes at p = 4096.
 */
public final class Ridge implements ProbeFitter {

  @Override
  public LinearModel fit(DesignMatrix x, double[] y, double lambda, LinearModel start) {
    ProbeFitter.check(x, y, lambda);
    return path(x, y, new double[] {lambda}).get(0);
  }

  @Override
  public List<LinearModel> path(DesignMatrix x, double[] y, double[] lambdas) {
    return paths(x, List.of(y), lambdas).get(0);
  }

  /**
   * One path per target over the same design: the Gram matrix (or kernel) is built once and each
   * penalty factored once for all of them, which is where the time goes (a probe and its control,
   * several real concepts on one hook). Each path equals {@link #path} on its target, bit for bit.
   */
  public List<List<LinearModel>> paths(DesignMatrix x, List<double[]> ys, double[] lambdas) {
    for (double[] y : ys) {
      for (double lambda : lambdas) {
        ProbeFitter.check(x, y, lambda);
      }
    }
    List<List<LinearModel>> out = new ArrayList<>();
    ys.forEach(y -> out.add(new ArrayList<>()));
    if (x.columns() - 1 > x.rows()) {
      dualPaths(x, ys, lambdas, out);
      return out;
    }
    double[] g = gram(x);
    List<double[]> rhs = ys.stream().map(y -> x.transposeTimes(scaled(y))).toList();
    for (double lambda : lambdas) {
      Cholesky c = factor(g, x.columns(), lambda);
      for (int t = 0; t < ys.size(); t++) {
        out.get(t).add(new LinearModel(c.solve(rhs.get(t)), 0));
      }
    }
    return out;
  }

  @Override
  public double optimalityGap(DesignMatrix x, double[] y, double lambda, LinearModel m) {
    double[] s = x.times(m.theta());
    double[] r = new double[s.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = (s[i] - y[i]) / s.length;
    }
    double[] g = x.transposeTimes(r);
    for (int j = 1; j < g.length; j++) {
      g[j] += lambda * m.theta()[j];
    }
    return LogisticLoss.maxAbs(g);
  }

  /** The wide case: one n x n kernel, one small factorisation per lambda (see the class comment). */
  private static void dualPaths(DesignMatrix x, List<double[]> ys, double[] lambdas, List<List<LinearModel>> out) {
    int n = x.rows();
    int p = x.columns();
    double[] ones = new double[n];
    Arrays.fill(ones, 1.0 / n);
    double[] mean = x.transposeTimes(ones); // mean[0] = 1: the intercept column
    double[] yMeans = new double[ys.size()];
    List<double[]> rhs = new ArrayList<>();
    for (int t = 0; t < ys.size(); t++) {
      double yMean = 0;
      for (double v : ys.get(t)) {
        yMean += v / n;
      }
      yMeans[t] = yMean;
      double[] r = new double[n];
      for (int i = 0; i < n; i++) {
        r[i] = (ys.get(t)[i] - yMean) / n;
      }
      rhs.add(r);
    }
    double[] kernel = x.centredRowGram(mean);
    for (double lambda : lambdas) {
      double[] a = new double[n * n];
      for (int i = 0; i < n * n; i++) {
        a[i] = kernel[i] / n;
      }
      for (int i = 0; i < n; i++) {
        a[i * n + i] += lambda + 1e-12;
      }
      Cholesky c = Cholesky.factor(a, n);
      for (int t = 0; t < ys.size(); t++) {
        double[] theta = x.transposeTimes(c.solve(rhs.get(t)));
        double alphaSum = theta[0];
        double intercept = yMeans[t];
        for (int j = 1; j < p; j++) {
          theta[j] -= mean[j] * alphaSum;
          intercept -= mean[j] * theta[j];
        }
        theta[0] = intercept;
        out.get(t).add(new LinearModel(theta, 0));
      }
    }
  }

  private static double[] gram(DesignMatrix x) {
    double[] w = new double[x.rows()];
    Arrays.fill(w, 1.0 / x.rows());
    return x.gram(w);
  }

  private static double[] scaled(double[] y) {
    double[] out = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      out[i] = y[i] / y.length;
    }
    return out;
  }

  private static Cholesky factor(double[] gram, int p, double lambda) {
    double[] a = gram.clone();
    // A whisper of jitter keeps a constant feature (zero column) factorable at lambda = 0.
    a[0] += 1e-12;
    for (int j = 1; j < p; j++) {
      a[j * p + j] += lambda + 1e-12;
    }
    return Cholesky.factor(a, p);
  }
}

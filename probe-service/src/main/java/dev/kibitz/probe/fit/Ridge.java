package dev.kibitz.probe.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Ridge regression for real-valued concepts, mean squared error / 2 + lambda/2 |w|^2, in closed
 * form: (X^T X / n + lambda I') theta = X^T y / n by Cholesky, I' sparing the intercept. Along a
 * penalty path the Gram matrix is built once and only refactored per lambda.
 */
public final class Ridge implements ProbeFitter {

  @Override
  public LinearModel fit(DesignMatrix x, double[] y, double lambda, LinearModel start) {
    ProbeFitter.check(x, y, lambda);
    return solve(gram(x), x.transposeTimes(scaled(y)), x.columns(), lambda);
  }

  @Override
  public List<LinearModel> path(DesignMatrix x, double[] y, double[] lambdas) {
    for (double lambda : lambdas) {
      ProbeFitter.check(x, y, lambda);
    }
    double[] g = gram(x);
    double[] rhs = x.transposeTimes(scaled(y));
    List<LinearModel> out = new ArrayList<>();
    for (double lambda : lambdas) {
      out.add(solve(g, rhs, x.columns(), lambda));
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

  private static LinearModel solve(double[] gram, double[] rhs, int p, double lambda) {
    double[] a = gram.clone();
    // A whisper of jitter keeps a constant feature (zero column) factorable at lambda = 0.
    a[0] += 1e-12;
    for (int j = 1; j < p; j++) {
      a[j * p + j] += lambda + 1e-12;
    }
    return new LinearModel(Cholesky.factor(a, p).solve(rhs), 0);
  }
}

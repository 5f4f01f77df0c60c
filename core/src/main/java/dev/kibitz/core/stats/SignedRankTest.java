package dev.kibitz.core.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Wilcoxon's signed-rank test of paired samples, two-sided: are the differences {@code after - before}
 * centred on zero? Zero differences are dropped, tied absolute differences get their mean rank, and
 * the p-value comes from the normal approximation with the tie correction and a continuity correction
 * of one half (good from about 10 pairs; below that it is conservative enough for a report's summary).
 *
 * @param pairs pairs with a non-zero difference (the ones ranked)
 * @param wPlus sum of the ranks of positive differences
 * @param z the standardised statistic (positive when {@code after} tends to be larger)
 * @param p two-sided p-value
 * @param medianDifference median of all differences, zeros included
 * @param positive pairs where {@code after > before}
 * @param negative pairs where {@code after < before}
 */
public record SignedRankTest(int pairs, double wPlus, double z, double p, double medianDifference, int positive,
    int negative) {

  public static SignedRankTest of(double[] before, double[] after) {
    if (before.length != after.length) {
      throw new IllegalArgumentException("paired samples differ in length: " + before.length + " vs " + after.length);
    }
    List<Double> d = new ArrayList<>();
    double[] all = new double[before.length];
    for (int i = 0; i < before.length; i++) {
      all[i] = after[i] - before[i];
      if (!Double.isFinite(all[i])) {
        throw new IllegalArgumentException("pair " + i + " is not finite: " + before[i] + ", " + after[i]);
      }
      if (all[i] != 0) {
        d.add(all[i]);
      }
    }
    int n = d.size();
    double median = median(all);
    if (n == 0) {
      return new SignedRankTest(0, 0, 0, 1, median, 0, 0);
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(Math.abs(d.get(a)), Math.abs(d.get(b))));
    double[] rank = new double[n];
    double tieTerm = 0;
    for (int i = 0; i < n; ) {
      int j = i;
      while (j + 1 < n && Math.abs(d.get(order[j + 1])) == Math.abs(d.get(order[i]))) {
        j++;
      }
      double mean = (i + j + 2) / 2.0; // ranks are 1-based
      for (int k = i; k <= j; k++) {
        rank[order[k]] = mean;
      }
      int t = j - i + 1;
      tieTerm += (double) t * t * t - t;
      i = j + 1;
    }
    double wPlus = 0;
    int positive = 0;
    for (int i = 0; i < n; i++) {
      if (d.get(i) > 0) {
        wPlus += rank[i];
        positive++;
      }
    }
    double mean = n * (n + 1) / 4.0;
    double variance = n * (n + 1) * (2 * n + 1) / 24.0 - tieTerm / 48.0;
    double z = variance <= 0 ? 0 : Math.signum(wPlus - mean) * Math.max(0, Math.abs(wPlus - mean) - 0.5)
        / Math.sqrt(variance);
    return new SignedRankTest(n, wPlus, z, Math.min(1, 2 * upperTail(Math.abs(z))), median, positive, n - positive);
  }

  /** P(Z > z) for a standard normal Z, by the complementary error function. */
  static double upperTail(double z) {
    return 0.5 * erfc(z / Math.sqrt(2));
  }

  /** erfc to about 1e-7 relative (Numerical Recipes' Chebyshev fit). */
  static double erfc(double x) {
    double t = 1 / (1 + 0.5 * Math.abs(x));
    double y = t * Math.exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
        + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223
        + t * 0.17087277)))))))));
    return x >= 0 ? y : 2 - y;
  }

  private static double median(double[] v) {
    if (v.length == 0) {
      return Double.NaN;
    }
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}

package dev.kibitz.probe.metrics;

import java.util.Arrays;

/** The metrics of {@link Metric} from probe scores (logits or predictions) and true labels. */
public final class Scoring {
  private Scoring() {}

  public static double accuracy(double[] scores, boolean[] labels) {
    int right = 0;
    for (int i = 0; i < scores.length; i++) {
      right += (scores[i] > 0) == labels[i] ? 1 : 0;
    }
    return (double) right / scores.length;
  }

  /** 0.5 when a class is missing from the rows, as for a constant answer. */
  public static double balancedAccuracy(double[] scores, boolean[] labels) {
    int pos = 0;
    int tp = 0;
    int tn = 0;
    for (int i = 0; i < scores.length; i++) {
      pos += labels[i] ? 1 : 0;
      tp += labels[i] && scores[i] > 0 ? 1 : 0;
      tn += !labels[i] && scores[i] <= 0 ? 1 : 0;
    }
    int neg = scores.length - pos;
    if (pos == 0 || neg == 0) {
      return 0.5;
    }
    return 0.5 * ((double) tp / pos + (double) tn / neg);
  }

  /** Mann-Whitney form: mean rank of the positives, tied scores sharing their average rank. */
  public static double rocAuc(double[] scores, boolean[] labels) {
    int n = scores.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
    double rankSum = 0;
    long pos = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
        j++;
      }
      double rank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        if (labels[order[k]]) {
          rankSum += rank;
          pos++;
        }
      }
      i = j + 1;
    }
    long neg = n - pos;
    if (pos == 0 || neg == 0) {
      return 0.5;
    }
    return (rankSum - pos * (pos + 1) / 2.0) / ((double) pos * neg);
  }

  /** Coefficient of determination; 0 for predicting the rows' mean, negative for worse. */
  public static double r2(double[] predictions, double[] targets) {
    double mean = 0;
    for (double t : targets) {
      mean += t;
    }
    mean /= targets.length;
    double res = 0;
    double tot = 0;
    for (int i = 0; i < targets.length; i++) {
      res += (targets[i] - predictions[i]) * (targets[i] - predictions[i]);
      tot += (targets[i] - mean) * (targets[i] - mean);
    }
    return tot == 0 ? 0 : 1 - res / tot;
  }
}

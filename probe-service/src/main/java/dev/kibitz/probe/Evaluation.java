package dev.kibitz.probe;

import dev.kibitz.probe.data.ConceptLabels;
import dev.kibitz.probe.metrics.Metric;
import dev.kibitz.probe.metrics.Scoring;
import java.util.EnumMap;
import java.util.Map;

/** Scores a probe's outputs on a set of rows against the concept's labels there. */
final class Evaluation {
  private Evaluation() {}

  /** Accuracy, balanced accuracy and ROC AUC for binary concepts; R2 for real ones. */
  static Map<Metric, Double> all(double[] scores, ConceptLabels labels, int[] rows) {
    Map<Metric, Double> out = new EnumMap<>(Metric.class);
    // Java 17: no pattern switch yet; ConceptLabels is sealed to these two.
    if (labels instanceof ConceptLabels.Binary b) {
      boolean[] y = gather(b.values(), rows);
      out.put(Metric.ACCURACY, Scoring.accuracy(scores, y));
      out.put(Metric.BALANCED_ACCURACY, Scoring.balancedAccuracy(scores, y));
      out.put(Metric.ROC_AUC, Scoring.rocAuc(scores, y));
    } else {
      out.put(Metric.R2, Scoring.r2(scores, ProbeTrainer.gather(labels.targets(), rows)));
    }
    return out;
  }

  static double score(Metric metric, double[] scores, ConceptLabels labels, int[] rows) {
    return all(scores, labels, rows).get(metric);
  }

  static boolean[] gather(boolean[] values, int[] rows) {
    boolean[] out = new boolean[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = values[rows[i]];
    }
    return out;
  }
}

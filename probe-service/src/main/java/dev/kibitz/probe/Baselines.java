package dev.kibitz.probe;

import dev.kibitz.probe.data.ConceptLabels;
import dev.kibitz.probe.data.Split;
import dev.kibitz.probe.metrics.Metric;
import java.util.Arrays;
import java.util.Map;

/**
 * The constant predictors a probe must beat, fitted on the natural (not balanced) training rows and
 * scored on the test rows: the majority class for binary concepts, the training mean for real ones.
 */
final class Baselines {
  private Baselines() {}

  static Map<Metric, Double> score(ConceptLabels labels, Split split) {
    double[] train = ProbeTrainer.gather(labels.targets(), split.train());
    double mean = Arrays.stream(train).sum() / train.length;
    double constant;
    if (labels instanceof ConceptLabels.Binary) {
      // A logit: +1 answers "yes" everywhere, -1 "no"; ties go to "no".
      constant = mean > 0.5 ? 1 : -1;
    } else {
      constant = mean;
    }
    double[] scores = new double[split.test().length];
    Arrays.fill(scores, constant);
    return Evaluation.all(scores, labels, split.test());
  }
}

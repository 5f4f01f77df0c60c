package dev.kibitz.probe;

import dev.kibitz.probe.fit.Penalty;
import dev.kibitz.probe.metrics.Metric;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What one probe scored. {@code test}, {@code baseline} and {@code control} hold the same metrics on
 * the same test rows: the probe, a constant predictor (majority class or training mean), and the
 * same pipeline trained on shuffled labels. Selectivity (test minus control) is how much of the
 * score comes from the activations encoding the concept rather than from a probe that can fit anything.
 *
 * @param binary logistic probe of a yes/no concept, else ridge probe of a real one
 * @param metric the headline metric, also the one the penalty was chosen by
 * @param lambda the penalty strength chosen on the validation rows
 * @param validation the headline metric on the validation rows at that strength
 * @param directionNorm length of the direction in raw activation units
 */
public record ProbeResult(String concept, String hook, String conditioning, boolean binary, Penalty penalty,
    Metric metric, double lambda, double validation, Map<Metric, Double> test, Map<Metric, Double> baseline,
    Map<Metric, Double> control, int trainRows, int validationRows, int testRows, double directionNorm) {

  public ProbeResult {
    test = frozen(test);
    baseline = frozen(baseline);
    control = frozen(control);
    if (!test.containsKey(metric)) {
      throw new IllegalArgumentException("test scores " + test.keySet() + " lack the headline metric " + metric);
    }
  }

  /** The headline metric on the test rows. */
  public double score() {
    return test.get(metric);
  }

  /** Test minus control-task score, for the headline metric. */
  public double selectivity() {
    return selectivity(metric);
  }

  public double selectivity(Metric m) {
    return test.get(m) - control.get(m);
  }

  private static Map<Metric, Double> frozen(Map<Metric, Double> m) {
    return Collections.unmodifiableMap(m.isEmpty() ? new EnumMap<>(Metric.class) : new EnumMap<>(m));
  }
}

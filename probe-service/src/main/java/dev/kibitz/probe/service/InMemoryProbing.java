package dev.kibitz.probe.service;

import dev.kibitz.probe.ProbeConfig;
import dev.kibitz.probe.ProbeResult;
import dev.kibitz.probe.TrainedProbe;
import dev.kibitz.probe.data.Activations;
import dev.kibitz.proto.v1.Dataset;
import java.util.List;
import java.util.Map;

/**
 * What the probe service does with a sealed dataset once its rows are read, for rows already in
 * memory: the dataset's attributes give the plan, and the same fits run. An in-process experiment
 * uses it in place of the service (no store, no Kafka), which is what the mesh's overhead is measured
 * against.
 */
public final class InMemoryProbing {
  private InMemoryProbing() {}

  /**
   * The probes of {@code dataset} (its attributes and label specs as the store describes it) over
   * {@code activations} with {@code labels} (by label name, BOOL as 0/1, row i of each the same input).
   *
   * @throws IllegalArgumentException if the dataset asks for no probes or its attributes are bad
   */
  public static List<ProbeResult> results(Dataset dataset, Activations activations, Map<String, double[]> labels,
      ProbeConfig config) {
    ProbePlan plan = ProbePlan.of(dataset).orElseThrow(() -> new IllegalArgumentException("dataset '"
        + dataset.getName() + "' has no " + ProbePlan.CONCEPTS + " attribute: nothing to probe"));
    for (ProbePlan.Label l : plan.labels()) {
      double[] v = labels.get(l.name());
      if (v == null || v.length != activations.rows()) {
        throw new IllegalArgumentException("dataset '" + dataset.getName() + "': label '" + l.name() + "' has "
            + (v == null ? "no values" : v.length + " values") + " for " + activations.rows() + " rows");
      }
    }
    return DatasetProbing.run(plan, dataset.getKey().getHook(), new DatasetRows(activations, labels), config)
        .probes().stream().map(TrainedProbe::result).toList();
  }
}

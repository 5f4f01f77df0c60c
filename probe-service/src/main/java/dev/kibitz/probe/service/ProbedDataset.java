package dev.kibitz.probe.service;

import dev.kibitz.probe.ProbeConfig;
import dev.kibitz.proto.v1.Dataset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A probed dataset's {@code dataset.json}: which dataset (id, name, key, size, attributes as sealed), what was
 * probed (concepts, the conditioning label and its values), what was skipped and why, and the probe config,
 * so the results can be traced and rebuilt.
 *
 * @param conditioning the conditioning label, or null when every concept has only an "all" probe
 */
record ProbedDataset(String id, String name, String model, String checkpoint, String hook, String inputSet,
    long rows, int batches, long createdUnixMillis, long sealedUnixMillis, Map<String, String> attributes,
    List<String> concepts, String conditioning, List<String> conditioningValues,
    List<DatasetProbing.Skipped> skipped, ProbeConfig config) {

  static ProbedDataset of(Dataset d, ProbePlan plan, DatasetProbing.Outcome outcome, ProbeConfig config) {
    return new ProbedDataset(d.getId(), d.getName(), d.getKey().getModel(), d.getKey().getCheckpoint(),
        d.getKey().getHook(), d.getKey().getInputSet(), d.getRows(), d.getBatches(), d.getCreatedUnixMillis(),
        d.getSealedUnixMillis(), new TreeMap<>(d.getAttributesMap()),
        plan.concepts().stream().map(c -> c.label().name()).toList(),
        plan.conditioning() == null ? null : plan.conditioning().name(), outcome.conditioningValues(),
        outcome.skipped(), config);
  }

  /** Datasets whose probes go into one combined report: hooks of one model checkpoint on one input set. */
  boolean sameGroup(ProbedDataset o) {
    return model.equals(o.model) && checkpoint.equals(o.checkpoint) && inputSet.equals(o.inputSet);
  }
}

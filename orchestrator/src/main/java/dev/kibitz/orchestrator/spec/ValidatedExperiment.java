package dev.kibitz.orchestrator.spec;

import dev.kibitz.orchestrator.step.StepType;
import java.util.List;
import java.util.Map;

/**
 * A spec that passed validation: its steps in dependency order, each with its type and checked config.
 *
 * @param yaml the spec's text as submitted, kept with the run so a restarted orchestrator can resume it
 */
public record ValidatedExperiment(ExperimentSpec spec, String yaml, List<StepSpec> order,
    Map<String, StepType<?>> types, Map<String, Object> configs) {
  public ValidatedExperiment {
    order = List.copyOf(order);
    types = Map.copyOf(types);
    configs = Map.copyOf(configs);
  }
}

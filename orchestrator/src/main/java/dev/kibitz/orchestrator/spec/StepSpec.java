package dev.kibitz.orchestrator.spec;

import java.util.List;
import java.util.Map;

/**
 * One named step of an experiment: its type (what runs), the steps it needs to have finished first,
 * and its parameters as written in the spec (checked by the step type, see {@link Params}).
 */
public record StepSpec(String name, String type, List<String> needs, Map<String, Object> params) {
  public StepSpec {
    needs = List.copyOf(needs);
    params = Map.copyOf(params);
  }
}

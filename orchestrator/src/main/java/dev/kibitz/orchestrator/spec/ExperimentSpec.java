package dev.kibitz.orchestrator.spec;

import java.util.List;
import java.util.Optional;

/** A parsed experiment: a name, a description and its steps in the order they were written. */
public record ExperimentSpec(String name, String description, List<StepSpec> steps) {
  public ExperimentSpec {
    steps = List.copyOf(steps);
  }

  public Optional<StepSpec> step(String name) {
    return steps.stream().filter(s -> s.name().equals(name)).findFirst();
  }
}

package dev.kibitz.orchestrator.step;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The step types a runner knows, by name. */
public final class StepTypes {
  private final Map<String, StepType<?>> byName = new LinkedHashMap<>();

  public StepTypes(List<StepType<?>> types) {
    for (StepType<?> t : types) {
      if (byName.put(t.name(), t) != null) {
        throw new IllegalArgumentException("two step types are named '" + t.name() + "'");
      }
    }
  }

  public Optional<StepType<?>> get(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public List<String> names() {
    return List.copyOf(byName.keySet());
  }

  public List<StepType<?>> all() {
    return List.copyOf(byName.values());
  }
}

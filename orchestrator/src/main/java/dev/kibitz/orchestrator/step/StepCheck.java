package dev.kibitz.orchestrator.step;

import dev.kibitz.orchestrator.spec.ExperimentSpec;
import dev.kibitz.orchestrator.spec.Params;
import dev.kibitz.orchestrator.spec.StepSpec;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What a step type may consult while checking its parameters: the whole spec and the model catalog. */
public final class StepCheck {
  private final ExperimentSpec spec;
  private final StepSpec step;
  private final ModelCatalog models;
  private final Params params;

  public StepCheck(ExperimentSpec spec, StepSpec step, ModelCatalog models, Params params) {
    this.spec = spec;
    this.step = step;
    this.models = models;
    this.params = params;
  }

  public StepSpec step() {
    return step;
  }

  /** The named model, or empty after recording a problem that lists the known ones. */
  public Optional<ModelCatalog.ModelInfo> model(String key, String name) {
    if (name.isEmpty()) {
      return Optional.empty();
    }
    Optional<ModelCatalog.ModelInfo> m = models.model(name);
    if (m.isEmpty()) {
      params.problem(key, "unknown model '" + name + "' (known: " + String.join(", ", models.names()) + ")");
    }
    return m;
  }

  /** Checks that every hook exists in the model; each unknown one is its own problem. */
  public void hooks(String key, ModelCatalog.ModelInfo model, List<String> hooks) {
    for (String h : hooks) {
      if (!model.hooks().contains(h)) {
        params.problem(key, "model '" + model.name() + "' has no hook point '" + h + "' (it has "
            + model.hooks().size() + ", e.g. " + String.join(", ", model.hooks().subList(0,
            Math.min(4, model.hooks().size()))) + ")");
      }
    }
  }

  /**
   * Reads parameter {@code key} as the name of an earlier step of one of {@code types} that this step
   * needs (directly or through other needs), so its output exists when this step runs.
   */
  public Optional<StepSpec> upstream(String key, List<String> types) {
    String name = params.string(key);
    if (name.isEmpty()) {
      return Optional.empty();
    }
    Optional<StepSpec> s = spec.step(name);
    if (s.isEmpty()) {
      params.problem(key, "names no step: '" + name + "'");
      return Optional.empty();
    }
    if (!types.contains(s.get().type())) {
      params.problem(key, "step '" + name + "' is a " + s.get().type() + " step; expected " + String.join(" or ",
          types));
      return Optional.empty();
    }
    if (!reachable(name)) {
      params.problem(key, "step '" + name + "' must be listed in needs (directly or through another need)");
      return Optional.empty();
    }
    return s;
  }

  /** Every step this one needs, directly or through other needs, in spec order, with its type. */
  public java.util.LinkedHashMap<String, String> allNeeds() {
    java.util.LinkedHashMap<String, String> out = new java.util.LinkedHashMap<>();
    for (StepSpec s : spec.steps()) {
      if (reachable(s.name())) {
        out.put(s.name(), s.type());
      }
    }
    return out;
  }

  private boolean reachable(String target) {
    Deque<String> todo = new ArrayDeque<>(step.needs());
    Set<String> seen = new HashSet<>();
    while (!todo.isEmpty()) {
      String n = todo.pop();
      if (n.equals(target)) {
        return true;
      }
      if (seen.add(n)) {
        spec.step(n).ifPresent(s -> todo.addAll(s.needs()));
      }
    }
    return false;
  }
}

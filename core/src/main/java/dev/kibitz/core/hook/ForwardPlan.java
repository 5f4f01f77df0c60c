package dev.kibitz.core.hook;

import dev.kibitz.core.KibitzException;
import dev.kibitz.core.intervention.EditContext;
import dev.kibitz.core.intervention.Intervention;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.core.tensor.TensorSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * What a forward session does at its hook points: which activations to capture and which
 * interventions to apply, in order. Built only through {@link #validate}, which checks every
 * hook name, shape, dtype and selector against the model before any compute and reports all
 * problems at once.
 */
public final class ForwardPlan {
  private final Map<String, TensorSpec> hooks;
  private final List<String> captures;
  private final List<Intervention> interventions;
  private final Map<String, List<Integer>> interventionsByHook;
  /** Per intervention: its selector's element mask (BOOL, hook shape), or null for all elements. */
  private final List<HostTensor> elementMasks;

  private ForwardPlan(Map<String, TensorSpec> hooks, List<String> captures, List<Intervention> interventions) {
    this.hooks = hooks;
    this.captures = List.copyOf(captures);
    this.interventions = List.copyOf(interventions);
    this.interventionsByHook = new LinkedHashMap<>();
    for (int i = 0; i < interventions.size(); i++) {
      interventionsByHook.computeIfAbsent(interventions.get(i).hook(), h -> new ArrayList<>()).add(i);
    }
    this.elementMasks = new ArrayList<>();
    for (Intervention iv : interventions) {
      elementMasks.add(iv.selector().elementMask(hooks.get(iv.hook())));
    }
  }

  public static ForwardPlan empty(List<TensorSpec> hookPoints) {
    return validate("model", hookPoints, List.of(), List.of());
  }

  /**
   * @param modelName names the model in error messages
   * @throws KibitzException INVALID_ARGUMENT listing every problem found
   */
  public static ForwardPlan validate(String modelName, List<TensorSpec> hookPoints, List<String> captures,
      List<Intervention> interventions) {
    return validate(modelName, hookPoints, java.util.Set.of(), captures, interventions);
  }

  /** @param readOnly hook points that may be captured but not edited */
  public static ForwardPlan validate(String modelName, List<TensorSpec> hookPoints, java.util.Set<String> readOnly,
      List<String> captures, List<Intervention> interventions) {
    Map<String, TensorSpec> hooks = new LinkedHashMap<>();
    hookPoints.forEach(h -> hooks.put(h.name(), h));
    List<String> problems = new ArrayList<>();
    LinkedHashSet<String> seen = new LinkedHashSet<>();
    for (String c : captures) {
      if (!hooks.containsKey(c)) {
        problems.add("capture: " + unknownHook(modelName, c, hooks));
      } else if (!seen.add(c)) {
        problems.add("capture: hook '" + c + "' is listed twice");
      }
    }
    for (int i = 0; i < interventions.size(); i++) {
      Intervention iv = interventions.get(i);
      String what = "intervention " + i + " (" + iv.getClass().getSimpleName() + " at '" + iv.hook() + "')";
      TensorSpec spec = hooks.get(iv.hook());
      if (spec == null) {
        problems.add("intervention " + i + ": " + unknownHook(modelName, iv.hook(), hooks));
        continue;
      }
      if (readOnly.contains(iv.hook())) {
        problems.add(what + ": hook point '" + iv.hook() + "' of model '" + modelName
            + "' is read-only (capture it; edit a stage boundary instead)");
        continue;
      }
      iv.validate(spec, what, problems);
      iv.selector().validate(spec, what, problems);
    }
    if (!problems.isEmpty()) {
      throw KibitzException.invalid(String.join("; ", problems));
    }
    return new ForwardPlan(hooks, captures, interventions);
  }

  private static String unknownHook(String model, String name, Map<String, TensorSpec> hooks) {
    return "model '" + model + "' has no hook point '" + name + "' (it has " + hooks.size()
        + " hook points: " + String.join(", ", hooks.keySet()) + ")";
  }

  /** Checks everything that depends on one batch (its size, the tensors sent with it). */
  public void validateBatch(EditContext context) {
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < interventions.size(); i++) {
      Intervention iv = interventions.get(i);
      String what = "intervention " + i + " (" + iv.getClass().getSimpleName() + " at '" + iv.hook() + "')";
      TensorSpec spec = hooks.get(iv.hook());
      iv.validateBatch(spec, context, what, problems);
      iv.selector().validateBatch(context.batchSize(), what, problems);
    }
    if (!problems.isEmpty()) {
      throw KibitzException.invalid(String.join("; ", problems));
    }
  }

  public List<String> captures() {
    return captures;
  }

  public List<Intervention> interventions() {
    return interventions;
  }

  public TensorSpec hook(String name) {
    return hooks.get(name);
  }

  HostTensor elementMask(int intervention) {
    return elementMasks.get(intervention);
  }

  List<Integer> interventionIndicesAt(String hook) {
    return interventionsByHook.getOrDefault(hook, List.of());
  }
}

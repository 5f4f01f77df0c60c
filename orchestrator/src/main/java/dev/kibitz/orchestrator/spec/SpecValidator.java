package dev.kibitz.orchestrator.spec;

import dev.kibitz.orchestrator.step.ModelCatalog;
import dev.kibitz.orchestrator.step.StepCheck;
import dev.kibitz.orchestrator.step.StepType;
import dev.kibitz.orchestrator.step.StepTypes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a parsed spec completely before anything runs: duplicate step names, unknown step types,
 * needs that name no step, dependency cycles, and every step's parameters (unknown models and hook
 * points included). All problems are reported together.
 */
public final class SpecValidator {
  private final StepTypes types;
  private final ModelCatalog models;

  public SpecValidator(StepTypes types, ModelCatalog models) {
    this.types = types;
    this.models = models;
  }

  /** Parses and validates; the result is ready to run. */
  public ValidatedExperiment validate(String yaml, String source) throws InvalidSpecException {
    return validate(SpecParser.parse(yaml, source), yaml, source);
  }

  public ValidatedExperiment validate(ExperimentSpec spec, String yaml, String source) throws InvalidSpecException {
    List<SpecProblem> problems = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (StepSpec s : spec.steps()) {
      if (!names.add(s.name())) {
        problems.add(new SpecProblem("step '" + s.name() + "'", "is defined more than once"));
      }
    }
    for (StepSpec s : spec.steps()) {
      for (String need : s.needs()) {
        if (need.equals(s.name())) {
          problems.add(new SpecProblem("step '" + s.name() + "'", "needs itself"));
        } else if (!names.contains(need)) {
          problems.add(new SpecProblem("step '" + s.name() + "'", "needs unknown step '" + need + "'"));
        }
      }
    }
    List<List<String>> cycles = cycles(spec);
    for (List<String> cycle : cycles) {
      problems.add(new SpecProblem("spec", "dependency cycle: " + String.join(" -> ", cycle) + " -> "
          + cycle.get(0)));
    }
    Map<String, Object> configs = new LinkedHashMap<>();
    for (StepSpec s : spec.steps()) {
      var type = types.get(s.type());
      if (type.isEmpty()) {
        problems.add(new SpecProblem("step '" + s.name() + "'", "unknown step type '" + s.type() + "' (known: "
            + String.join(", ", types.names()) + ")"));
        continue;
      }
      Params params = new Params("step '" + s.name() + "'", s.params(), problems);
      Object config = type.get().configure(params, new StepCheck(spec, s, models, params));
      params.finish();
      configs.put(s.name(), config);
    }
    if (!problems.isEmpty()) {
      throw new InvalidSpecException(source, problems);
    }
    Map<String, StepType<?>> stepTypes = new LinkedHashMap<>();
    spec.steps().forEach(s -> stepTypes.put(s.name(), types.get(s.type()).orElseThrow()));
    return new ValidatedExperiment(spec, yaml, order(spec), stepTypes, configs);
  }

  /** Steps in an order where every step comes after its needs (ties keep the spec's order). */
  private static List<StepSpec> order(ExperimentSpec spec) {
    List<StepSpec> out = new ArrayList<>();
    Set<String> placed = new HashSet<>();
    while (out.size() < spec.steps().size()) {
      for (StepSpec s : spec.steps()) {
        if (!placed.contains(s.name()) && placed.containsAll(s.needs())) {
          out.add(s);
          placed.add(s.name());
        }
      }
    }
    return out;
  }

  /** Every cycle through distinct steps, each reported once (from its first step in spec order). */
  private static List<List<String>> cycles(ExperimentSpec spec) {
    Map<String, List<String>> edges = new HashMap<>();
    // a duplicated name keeps the needs of both definitions, so neither hides a cycle
    spec.steps().forEach(s -> edges.computeIfAbsent(s.name(), k -> new ArrayList<>())
        .addAll(s.needs().stream().filter(n -> !n.equals(s.name())).toList()));
    List<List<String>> found = new ArrayList<>();
    Set<Set<String>> seen = new HashSet<>();
    for (StepSpec s : spec.steps()) {
      walk(s.name(), new ArrayList<>(List.of(s.name())), edges, found, seen);
    }
    return found;
  }

  private static void walk(String at, List<String> path, Map<String, List<String>> edges, List<List<String>> found,
      Set<Set<String>> seen) {
    for (String next : edges.getOrDefault(at, List.of())) {
      int i = path.indexOf(next);
      if (i >= 0) {
        List<String> cycle = List.copyOf(path.subList(i, path.size()));
        if (seen.add(Set.copyOf(cycle))) {
          found.add(cycle);
        }
      } else if (edges.containsKey(next) && path.size() <= edges.size()) {
        path.add(next);
        walk(next, path, edges, found, seen);
        path.remove(path.size() - 1);
      }
    }
  }
}

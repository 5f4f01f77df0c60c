package dev.kibitz.orchestrator.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads an experiment spec from YAML (docs/experiments.md). Only the shape is checked here: every
 * shape problem is collected and reported at once; what the steps mean is {@link SpecValidator}'s job.
 */
public final class SpecParser {
  /** Names of experiments and steps: they appear in ids, file names and Kubernetes resources. */
  static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?");
  private static final Set<String> TOP_KEYS = Set.of("name", "description", "steps");
  private static final Set<String> STEP_KEYS = Set.of("name", "type", "needs", "params");

  private SpecParser() {}

  public static ExperimentSpec parse(String yaml, String source) throws InvalidSpecException {
    Object root;
    try {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    } catch (YAMLException e) {
      throw new InvalidSpecException(source, List.of(new SpecProblem("spec", "is not valid YAML: "
          + e.getMessage().replace('\n', ' '))));
    }
    List<SpecProblem> problems = new ArrayList<>();
    if (!(root instanceof Map<?, ?> top)) {
      throw new InvalidSpecException(source, List.of(new SpecProblem("spec",
          "must be a mapping with name, description and steps")));
    }
    unknownKeys(top, TOP_KEYS, "spec", problems);
    String name = name(top.get("name"), "spec", "name", problems);
    Object description = top.get("description");
    if (description != null && !(description instanceof String)) {
      problems.add(new SpecProblem("spec", "description must be text"));
    }
    List<StepSpec> steps = new ArrayList<>();
    Object rawSteps = top.get("steps");
    if (!(rawSteps instanceof List<?> list) || list.isEmpty()) {
      problems.add(new SpecProblem("spec", "steps must be a non-empty list"));
    } else {
      for (int i = 0; i < list.size(); i++) {
        StepSpec s = step(list.get(i), i, problems);
        if (s != null) {
          steps.add(s);
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidSpecException(source, problems);
    }
    return new ExperimentSpec(name, description == null ? "" : (String) description, steps);
  }

  private static StepSpec step(Object raw, int index, List<SpecProblem> problems) {
    String where = "steps[" + index + "]";
    if (!(raw instanceof Map<?, ?> m)) {
      problems.add(new SpecProblem(where, "must be a mapping with name, type, needs and params"));
      return null;
    }
    String name = name(m.get("name"), where, "name", problems);
    if (name != null) {
      where = "step '" + name + "'";
    }
    unknownKeys(m, STEP_KEYS, where, problems);
    Object type = m.get("type");
    if (!(type instanceof String) || ((String) type).isBlank()) {
      problems.add(new SpecProblem(where, "type is required"));
    }
    List<String> needs = new ArrayList<>();
    Object rawNeeds = m.get("needs");
    if (rawNeeds instanceof String one) {
      needs.add(one);
    } else if (rawNeeds instanceof List<?> list) {
      for (Object n : list) {
        if (n instanceof String s) {
          needs.add(s);
        } else {
          problems.add(new SpecProblem(where, "needs must list step names, got " + n));
        }
      }
    } else if (rawNeeds != null) {
      problems.add(new SpecProblem(where, "needs must be a step name or a list of them"));
    }
    Map<String, Object> params = new LinkedHashMap<>();
    Object rawParams = m.get("params");
    if (rawParams instanceof Map<?, ?> pm) {
      pm.forEach((k, v) -> params.put(String.valueOf(k), v));
    } else if (rawParams != null) {
      problems.add(new SpecProblem(where, "params must be a mapping"));
    }
    if (name == null || !(type instanceof String t) || t.isBlank()) {
      return null;
    }
    return new StepSpec(name, t, needs, params);
  }

  private static String name(Object raw, String where, String key, List<SpecProblem> problems) {
    if (raw == null) {
      problems.add(new SpecProblem(where, key + " is required"));
      return null;
    }
    String s = String.valueOf(raw);
    if (!NAME.matcher(s).matches()) {
      problems.add(new SpecProblem(where, key + " '" + s + "' must be 1-64 lower-case letters, digits and dashes, "
          + "starting and ending with a letter or digit"));
      return null;
    }
    return s;
  }

  private static void unknownKeys(Map<?, ?> m, Set<String> known, String where, List<SpecProblem> problems) {
    for (Object k : m.keySet()) {
      if (!known.contains(String.valueOf(k))) {
        problems.add(new SpecProblem(where, "unknown key '" + k + "' (known: " + String.join(", ",
            known.stream().sorted().toList()) + ")"));
      }
    }
  }
}

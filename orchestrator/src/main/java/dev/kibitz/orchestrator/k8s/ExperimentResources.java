package dev.kibitz.orchestrator.k8s;

import dev.kibitz.orchestrator.state.RunRecord;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The {@code Experiment} custom resource (k8s/base/crd-experiment.yaml) as the orchestrator reads and
 * writes it: its spec becomes an experiment spec's YAML, a run record becomes its status.
 */
public final class ExperimentResources {
  public static final ResourceDefinitionContext CONTEXT = new ResourceDefinitionContext.Builder()
      .withGroup("kibitz.dev").withVersion("v1alpha1").withKind("Experiment").withPlural("experiments")
      .withNamespaced(true).build();

  private ExperimentResources() {}

  /** The spec as experiment YAML: its name (or the object's), description and steps, unchanged. */
  @SuppressWarnings("unchecked")
  public static String specYaml(GenericKubernetesResource cr) {
    Map<String, Object> spec = cr.get("spec") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("name", spec.getOrDefault("name", cr.getMetadata().getName()));
    if (spec.containsKey("description")) {
      doc.put("description", spec.get("description"));
    }
    doc.put("steps", spec.get("steps"));
    DumperOptions o = new DumperOptions();
    o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    return new Yaml(o).dump(doc);
  }

  /** The status that describes {@code r}; {@code generation} is the object's generation it describes. */
  public static Map<String, Object> status(RunRecord r, Long generation) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("phase", title(r.state().name()));
    s.put("observedGeneration", generation);
    s.put("runId", r.id());
    long done = r.steps().stream().filter(x -> x.state().hasOutput()).count();
    s.put("progress", done + "/" + r.steps().size());
    s.put("startedAt", r.createdAt().toString());
    if (r.state().isFinal()) {
      s.put("finishedAt", r.updatedAt().toString());
    }
    List<Map<String, Object>> steps = new ArrayList<>();
    for (RunRecord.StepRecord step : r.steps()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", step.name());
      m.put("state", title(step.state().name()));
      m.put("progress", step.progress());
      m.put("message", step.message());
      steps.add(m);
    }
    s.put("steps", steps);
    if (!r.report().isEmpty()) {
      s.put("report", Map.of("location", r.report()));
    }
    s.put("message", r.message());
    return s;
  }

  /** The status of an experiment that never ran because its spec is wrong. */
  public static Map<String, Object> rejected(String message, Long generation) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("phase", "Failed");
    s.put("observedGeneration", generation);
    s.put("finishedAt", Instant.now().toString());
    s.put("message", message);
    return s;
  }

  @SuppressWarnings("unchecked")
  static String runId(GenericKubernetesResource cr) {
    return cr.get("status") instanceof Map<?, ?> s && ((Map<String, Object>) s).get("runId") instanceof String id
        ? id : null;
  }

  @SuppressWarnings("unchecked")
  static String phase(GenericKubernetesResource cr) {
    return cr.get("status") instanceof Map<?, ?> s && ((Map<String, Object>) s).get("phase") instanceof String p
        ? p : null;
  }

  /** SUCCEEDED -> Succeeded, as the CRD's enums spell phases and step states. */
  static String title(String enumName) {
    return enumName.charAt(0) + enumName.substring(1).toLowerCase(Locale.ROOT);
  }
}

package dev.kibitz.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Experiment CRD read straight from k8s/base (no kubectl needed): what `kubectl get experiments` prints,
 * what the orchestrator may write into .status, and that the shipped example is a valid Experiment.
 */
class ExperimentCrdTest {

  private static CustomResourceDefinition crd() throws Exception {
    List<HasMetadata> docs = Kustomize.parse(Kustomize.MODULE.resolve("base/crd-experiment.yaml"));
    assertEquals(1, docs.size());
    return assertInstanceOf(docs.get(0));
  }

  private static CustomResourceDefinition assertInstanceOf(HasMetadata o) {
    assertTrue(o instanceof CustomResourceDefinition, "parsed as " + o.getClass().getName());
    return (CustomResourceDefinition) o;
  }

  private static CustomResourceDefinitionVersion v1alpha1() throws Exception {
    CustomResourceDefinition crd = crd();
    assertEquals("experiments.kibitz.dev", crd.getMetadata().getName());
    assertEquals(List.of("v1alpha1"), crd.getSpec().getVersions().stream().map(CustomResourceDefinitionVersion::getName)
        .toList());
    return crd.getSpec().getVersions().get(0);
  }

  @Test
  void experimentsAreNamespacedKibitzDevV1alpha1WithAStatusSubresource() throws Exception {
    CustomResourceDefinition crd = crd();
    assertEquals("apiextensions.k8s.io/v1", crd.getApiVersion());
    assertEquals("kibitz.dev", crd.getSpec().getGroup());
    assertEquals("Namespaced", crd.getSpec().getScope());
    assertEquals("Experiment", crd.getSpec().getNames().getKind());
    assertEquals("experiments", crd.getSpec().getNames().getPlural());
    CustomResourceDefinitionVersion v = v1alpha1();
    assertTrue(v.getServed() && v.getStorage());
    assertNotNull(v.getSubresources().getStatus());
  }

  @Test
  void kubectlGetShowsPhaseStepsDoneAndReport() throws Exception {
    Map<String, String> columns = v1alpha1().getAdditionalPrinterColumns().stream().collect(Collectors.toMap(
        CustomResourceColumnDefinition::getName, CustomResourceColumnDefinition::getJsonPath,
        (a, b) -> a, java.util.LinkedHashMap::new));
    assertEquals(Map.of("Phase", ".status.phase", "Steps Done", ".status.progress", "Report",
        ".status.report.location", "Age", ".metadata.creationTimestamp"), columns);
    assertEquals(List.of("Phase", "Steps Done", "Report", "Age"), List.copyOf(columns.keySet()));
  }

  @Test
  void specIsStepsWithFreeFormParamsAndStatusHasPhaseStepProgressReportAndMessage() throws Exception {
    JSONSchemaProps root = v1alpha1().getSchema().getOpenAPIV3Schema();
    JSONSchemaProps spec = root.getProperties().get("spec");
    assertEquals(Set.of("name", "description", "steps"), spec.getProperties().keySet());
    assertEquals(List.of("steps"), spec.getRequired());
    JSONSchemaProps step = spec.getProperties().get("steps").getItems().getSchema();
    assertEquals(Set.of("name", "type", "needs", "params"), step.getProperties().keySet());
    assertEquals(List.of("name", "type"), step.getRequired());
    assertEquals("string", step.getProperties().get("needs").getItems().getSchema().getType());
    assertEquals(Boolean.TRUE, step.getProperties().get("params").getXKubernetesPreserveUnknownFields());

    JSONSchemaProps status = root.getProperties().get("status");
    assertEquals(List.of("Pending", "Running", "Succeeded", "Failed", "Cancelled"),
        status.getProperties().get("phase").getEnum().stream().map(n -> n.asString()).toList());
    JSONSchemaProps stepStatus = status.getProperties().get("steps").getItems().getSchema();
    assertEquals(Set.of("name", "state", "progress", "message"), stepStatus.getProperties().keySet());
    assertEquals(0.0, stepStatus.getProperties().get("progress").getMinimum());
    assertEquals(1.0, stepStatus.getProperties().get("progress").getMaximum());
    assertEquals("string", status.getProperties().get("report").getProperties().get("location").getType());
    assertEquals("string", status.getProperties().get("message").getType());
  }

  @Test
  void theMazeExampleIsAValidExperimentInTeamA() throws Exception {
    List<HasMetadata> docs = Kustomize.parse(Kustomize.MODULE.resolve("examples/experiment-maze.yaml"));
    assertEquals(1, docs.size());
    GenericKubernetesResource experiment = (GenericKubernetesResource) docs.get(0);
    assertEquals("kibitz.dev/v1alpha1", experiment.getApiVersion());
    assertEquals("Experiment", experiment.getKind());
    assertEquals("team-a", experiment.getMetadata().getNamespace());

    Map<String, Object> object = Map.of("spec", experiment.getAdditionalProperties().get("spec"));
    assertEquals(List.of(), SchemaCheck.problems(v1alpha1().getSchema().getOpenAPIV3Schema(), object));

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> steps = (List<Map<String, Object>>) ((Map<String, Object>) object.get("spec"))
        .get("steps");
    Set<String> names = steps.stream().map(s -> (String) s.get("name")).collect(Collectors.toSet());
    for (Map<String, Object> s : steps) {
      @SuppressWarnings("unchecked")
      List<String> needs = (List<String>) s.getOrDefault("needs", List.of());
      assertTrue(names.containsAll(needs), s.get("name") + " needs " + needs);
    }
    assertEquals(List.of("capture", "train-probes", "train-sae", "steer-cheese-vector"),
        steps.stream().map(s -> s.get("type")).toList());
  }

  @Test
  void theSchemaCheckRejectsWhatTheApiServerWouldRejectOrPrune() throws Exception {
    JSONSchemaProps schema = v1alpha1().getSchema().getOpenAPIV3Schema();
    Map<String, Object> bad = Map.of("spec", Map.of("steps", List.of(
        Map.of("name", "Capture", "type", "capture"),
        Map.of("name", "probes", "type", "train-probes", "need", List.of("capture")))));
    assertEquals(List.of(".spec.steps[0].name: expected matching ^[a-z0-9]([-a-z0-9]{0,62}[a-z0-9])?$, got Capture",
        ".spec.steps[1].need: not in the schema"), SchemaCheck.problems(schema, bad).stream().sorted().toList());
  }

  @Test
  void aStatusAsTheOrchestratorWritesItFitsTheSchema() throws Exception {
    Map<String, Object> status = Map.of("phase", "Running", "progress", "1/4", "observedGeneration", 1,
        "runId", "run-7", "startedAt", "2026-12-01T19:00:00Z",
        "steps", List.of(Map.of("name", "capture", "state", "Cached", "progress", 1.0),
            Map.of("name", "probes", "state", "Running", "progress", 0.25, "message", "waiting for the probe service")),
        "report", Map.of("location", "s3://kibitz-activations/reports/run-7/"), "message", "2 steps running");
    JSONSchemaProps schema = v1alpha1().getSchema().getOpenAPIV3Schema();
    assertEquals(List.of(), SchemaCheck.problems(schema, Map.of("spec", Map.of("steps",
        List.of(Map.of("name", "capture", "type", "capture"))), "status", status)));
    assertEquals(List.of(".status.phase: expected one of [Pending, Running, Succeeded, Failed, Cancelled], got Done"),
        SchemaCheck.problems(schema, Map.of("spec", Map.of("steps", List.of(Map.of("name", "a", "type", "capture"))),
            "status", Map.of("phase", "Done"))));
  }
}

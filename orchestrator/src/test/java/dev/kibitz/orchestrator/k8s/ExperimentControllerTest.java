package dev.kibitz.orchestrator.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kibitz.orchestrator.run.ExperimentRunner;
import dev.kibitz.orchestrator.spec.SpecValidator;
import dev.kibitz.orchestrator.state.JdbcRunStore;
import dev.kibitz.orchestrator.state.RunState;
import dev.kibitz.orchestrator.testing.TestSteps;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The controller against fabric8's mock API server in CRUD mode: objects in, status out. */
class ExperimentControllerTest {
  @TempDir
  Path dir;
  private final TestSteps steps = new TestSteps();
  private KubernetesMockServer server;
  private KubernetesClient client;
  private JdbcRunStore store;
  private ExperimentRunner runner;

  @BeforeEach
  void start() throws Exception {
    // CRUD mode: objects are stored, listed, watched and updated as by a real API server
    server = new KubernetesMockServer(new io.fabric8.mockwebserver.Context(), new io.fabric8.mockwebserver.MockWebServer(),
        new java.util.HashMap<>(), new io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher(), false);
    server.init();
    client = server.createClient();
    // the project's own CRD, as kubectl would apply it
    client.apiextensions().v1().customResourceDefinitions().load(Path.of("../k8s/base/crd-experiment.yaml").toFile())
        .create();
    store = JdbcRunStore.embedded(dir);
    runner = new ExperimentRunner(new SpecValidator(steps.types(), TestSteps.catalog()), store, Map.of(),
        dir.resolve("runs"), 2);
  }

  @AfterEach
  void stop() throws Exception {
    runner.close();
    store.close();
    client.close();
    server.destroy();
  }

  private static GenericKubernetesResource experiment(String name, List<Map<String, Object>> stepList) {
    GenericKubernetesResource cr = new GenericKubernetesResource();
    cr.setApiVersion("kibitz.dev/v1alpha1");
    cr.setKind("Experiment");
    cr.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("team-a").build());
    cr.setAdditionalProperty("spec", Map.of("description", "from a custom resource", "steps", stepList));
    return cr;
  }

  private GenericKubernetesResource create(GenericKubernetesResource cr) {
    return client.genericKubernetesResources(ExperimentResources.CONTEXT).inNamespace("team-a").resource(cr).create();
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> awaitStatus(String name, Predicate<Map<String, Object>> done) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    Map<String, Object> status = Map.of();
    while (System.nanoTime() < deadline) {
      GenericKubernetesResource cr = client.genericKubernetesResources(ExperimentResources.CONTEXT)
          .inNamespace("team-a").withName(name).get();
      if (cr.get("status") instanceof Map<?, ?> s) {
        status = (Map<String, Object>) s;
        if (done.test(status)) {
          return status;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("status of " + name + " never got there; last: " + status);
  }

  @Test
  void anExperimentObjectRunsAndItsStatusFollowsTheRun() throws Exception {
    try (ExperimentController c = new ExperimentController(client, runner, "team-a").start()) {
      create(experiment("sum", List.of(Map.of("name", "a", "type", "add", "params", Map.of("value", 2)),
          Map.of("name", "b", "type", "add", "needs", List.of("a"), "params", Map.of("value", 3, "from", "a")))));
      Map<String, Object> status = awaitStatus("sum", s -> "Succeeded".equals(s.get("phase")));
      assertEquals("2/2", status.get("progress"));
      String runId = (String) status.get("runId");
      assertTrue(runId.startsWith("sum-"), runId);
      assertEquals(List.of("Succeeded", "Succeeded"), ((List<Map<String, Object>>) (List<?>) status.get("steps"))
          .stream().map(s -> s.get("state")).toList());
      assertEquals(RunState.SUCCEEDED, store.run(runId).orElseThrow().state());
      assertEquals(1, steps.runs("a"));
    }
    // a restarted controller follows the finished object; it does not run it again
    try (ExperimentController c = new ExperimentController(client, runner, "team-a").start()) {
      Thread.sleep(500);
      assertEquals(1, store.runs(10).size());
      assertEquals(1, steps.runs("a"));
    }
  }

  @Test
  void anInvalidSpecIsRejectedInTheStatusWithEveryProblem() throws Exception {
    try (ExperimentController c = new ExperimentController(client, runner, "team-a").start()) {
      create(experiment("broken", List.of(Map.of("name", "a", "type", "nope"),
          Map.of("name", "b", "type", "add", "needs", List.of("ghost")))));
      Map<String, Object> status = awaitStatus("broken", s -> s.get("phase") != null);
      assertEquals("Failed", status.get("phase"));
      String message = (String) status.get("message");
      assertTrue(message.startsWith("experiment team-a/broken has 2 problems:"), message);
      assertTrue(message.contains("unknown step type 'nope'") && message.contains("needs unknown step 'ghost'"),
          message);
      assertEquals(0, store.runs(10).size());
    }
  }

  @Test
  void deletingARunningExperimentCancelsItsRun() throws Exception {
    try (ExperimentController c = new ExperimentController(client, runner, "team-a").start()) {
      create(experiment("slow", List.of(Map.of("name", "a", "type", "add", "params", Map.of("gate", "never")))));
      Map<String, Object> status = awaitStatus("slow", s -> "Running".equals(s.get("phase")));
      assertTrue(steps.started("a").await(30, TimeUnit.SECONDS));
      client.genericKubernetesResources(ExperimentResources.CONTEXT).inNamespace("team-a").withName("slow").delete();
      String runId = (String) status.get("runId");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (store.run(runId).orElseThrow().state() != RunState.CANCELLED && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertEquals(RunState.CANCELLED, store.run(runId).orElseThrow().state());
    }
  }
}

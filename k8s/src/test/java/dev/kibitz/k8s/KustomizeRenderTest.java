package dev.kibitz.k8s;

import static dev.kibitz.k8s.Manifests.containers;
import static dev.kibitz.k8s.Manifests.name;
import static dev.kibitz.k8s.Manifests.selects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Renders k8s/overlays/dev and k8s/overlays/gpu with the real {@code kubectl kustomize} and checks, on
 * fabric8's typed objects, what the cluster would get: exactly which objects, their probes, resources,
 * replicas, GPU placement, network policies, disruption budgets and the references between them.
 * Skipped (not failed) where kubectl is not installed.
 */
class KustomizeRenderTest {
  static final String MESH_LABEL = "app.kubernetes.io/part-of";
  /** The gRPC port of each Kibitz service: its API and its health service (probe- and sae-service: health only). */
  static final Map<String, Integer> GRPC_PORTS = Map.of("model-server", 50051, "activation-store", 50052,
      "probe-service", 50061, "sae-service", 50062, "steering-service", 50071, "orchestrator", 50081);

  static final Set<String> EXPECTED = Set.of(
      "Namespace/kibitz",
      "CustomResourceDefinition/experiments.kibitz.dev",
      "ConfigMap/kibitz-config",
      "Secret/postgres-credentials", "Secret/minio-credentials",
      "ServiceAccount/orchestrator", "Role/kibitz-orchestrator", "RoleBinding/kibitz-orchestrator",
      "PersistentVolumeClaim/orchestrator-work",
      "Deployment/model-server", "Deployment/activation-store", "Deployment/probe-service",
      "Deployment/sae-service", "Deployment/steering-service", "Deployment/orchestrator",
      "Service/model-server", "Service/activation-store", "Service/probe-service", "Service/sae-service",
      "Service/steering-service", "Service/orchestrator",
      "StatefulSet/kafka", "Service/kafka", "Service/kafka-headless", "Job/kafka-create-topic",
      "StatefulSet/minio", "Service/minio", "Service/minio-headless", "Job/minio-create-bucket",
      "StatefulSet/postgres", "Service/postgres", "Service/postgres-headless",
      "PodDisruptionBudget/model-server", "PodDisruptionBudget/activation-store",
      "PodDisruptionBudget/probe-service", "PodDisruptionBudget/sae-service",
      "PodDisruptionBudget/steering-service", "PodDisruptionBudget/orchestrator", "PodDisruptionBudget/kafka",
      "PodDisruptionBudget/minio", "PodDisruptionBudget/postgres",
      "NetworkPolicy/default-deny-ingress", "NetworkPolicy/allow-mesh-to-model-server",
      "NetworkPolicy/allow-mesh-to-activation-store", "NetworkPolicy/allow-mesh-to-probe-service",
      "NetworkPolicy/allow-mesh-to-sae-service", "NetworkPolicy/allow-mesh-to-steering-service",
      "NetworkPolicy/allow-mesh-to-orchestrator", "NetworkPolicy/allow-mesh-to-kafka",
      "NetworkPolicy/allow-mesh-to-minio", "NetworkPolicy/allow-mesh-to-postgres");

  static Map<String, Manifests> overlays;

  @BeforeAll
  static void render() throws Exception {
    assumeTrue(Kustomize.kubectlOnPath(), "kubectl is not on PATH: the kustomize overlays are not rendered");
    overlays = new LinkedHashMap<>();
    for (String overlay : List.of("dev", "gpu")) {
      overlays.put(overlay, new Manifests(Kustomize.render(Kustomize.MODULE.resolve("overlays").resolve(overlay))));
    }
  }

  @Test
  void eachOverlayRendersExactlyTheMeshItsInfrastructureAndTheExperimentCrd() {
    overlays.forEach((overlay, m) -> {
      List<String> rendered = Manifests.kindsAndNames(m.objects()).sorted().toList();
      assertEquals(rendered.size(), new TreeSet<>(rendered).size(), overlay + ": duplicates in " + rendered);
      assertEquals(new TreeSet<>(EXPECTED), new TreeSet<>(rendered), overlay);
      for (HasMetadata o : m.objects()) {
        boolean clusterScoped = o instanceof CustomResourceDefinition || o.getKind().equals("Namespace");
        assertEquals(clusterScoped ? null : "kibitz", o.getMetadata().getNamespace(), overlay + " " + o.getKind()
            + "/" + name(o));
      }
    });
  }

  @Test
  void everyContainerRequestsAndLimitsCpuAndMemory() {
    overlays.forEach((overlay, m) -> m.podTemplates().forEach((workload, t) -> {
      for (Container c : containers(t)) {
        String where = overlay + " " + workload + " " + c.getName();
        assertNotNull(c.getResources(), where);
        for (Map<String, Quantity> r : List.of(c.getResources().getRequests(), c.getResources().getLimits())) {
          assertNotNull(r, where);
          assertTrue(r.containsKey("cpu") && r.containsKey("memory"), where + ": " + r);
        }
        for (String res : List.of("cpu", "memory")) {
          assertTrue(Quantity.getAmountInBytes(c.getResources().getRequests().get(res))
              .compareTo(Quantity.getAmountInBytes(c.getResources().getLimits().get(res))) <= 0, where + " " + res);
        }
      }
    }));
  }

  @Test
  void everyDeploymentIsProbedOverGrpcOnThePortOfItsService() {
    overlays.forEach((overlay, m) -> {
      assertEquals(GRPC_PORTS.keySet(), m.all(Deployment.class).stream().map(Manifests::name)
          .collect(Collectors.toSet()), overlay);
      for (Deployment d : m.all(Deployment.class)) {
        int port = GRPC_PORTS.get(name(d));
        Service service = m.one(Service.class, name(d));
        assertTrue(selects(selector(service), d.getSpec().getTemplate().getMetadata().getLabels()), name(d));
        ServicePort sp = service.getSpec().getPorts().get(0);
        assertEquals(1, service.getSpec().getPorts().size(), name(d));
        assertEquals(port, sp.getPort(), name(d));
        List<Container> cs = d.getSpec().getTemplate().getSpec().getContainers();
        assertEquals(1, cs.size(), name(d));
        Container c = cs.get(0);
        assertEquals(port, containerPort(c, sp.getTargetPort()), overlay + " " + name(d) + " targetPort");
        for (Probe p : new Probe[] {c.getReadinessProbe(), c.getLivenessProbe(), c.getStartupProbe()}) {
          assertNotNull(p, overlay + " " + name(d));
          assertNotNull(p.getGrpc(), overlay + " " + name(d) + " probes over gRPC");
          assertEquals(port, p.getGrpc().getPort(), overlay + " " + name(d));
          assertNull(p.getGrpc().getService(), "the overall health (\"\") is what GrpcEndpoint reports");
          assertNull(p.getHttpGet(), name(d));
          assertNull(p.getTcpSocket(), name(d));
          assertNull(p.getExec(), name(d));
        }
      }
    });
  }

  @Test
  void gpuOverlayPutsTheModelServerOnOneGpuNodeAndDevOnNone() {
    Deployment gpu = overlays.get("gpu").one(Deployment.class, "model-server");
    Container c = gpu.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertEquals(new Quantity("1"), c.getResources().getRequests().get("nvidia.com/gpu"));
    assertEquals(new Quantity("1"), c.getResources().getLimits().get("nvidia.com/gpu"));
    assertEquals(List.of("--port", "50051", "--device", "gpu"), c.getArgs());
    assertEquals("kibitz/model-server:0.1.0-cu128", c.getImage());
    assertEquals(Map.of("nvidia.com/gpu.present", "true"), gpu.getSpec().getTemplate().getSpec().getNodeSelector());
    List<Toleration> tolerations = gpu.getSpec().getTemplate().getSpec().getTolerations();
    assertEquals(1, tolerations.size());
    assertEquals("nvidia.com/gpu", tolerations.get(0).getKey());
    assertEquals("Exists", tolerations.get(0).getOperator());
    assertEquals("NoSchedule", tolerations.get(0).getEffect());

    overlays.forEach((overlay, m) -> m.podTemplates().forEach((workload, t) -> {
      for (Container other : containers(t)) {
        boolean gpuServer = overlay.equals("gpu") && workload.equals("Deployment/model-server");
        assertEquals(gpuServer, other.getResources().getRequests().containsKey("nvidia.com/gpu"),
            overlay + " " + workload);
        assertEquals(gpuServer, other.getResources().getLimits().containsKey("nvidia.com/gpu"),
            overlay + " " + workload);
      }
    }));
    Container dev = overlays.get("dev").one(Deployment.class, "model-server").getSpec().getTemplate().getSpec()
        .getContainers().get(0);
    assertEquals(List.of("--port", "50051", "--device", "cpu"), dev.getArgs());
    assertEquals("kibitz/model-server:0.1.0", dev.getImage());
    var devPod = overlays.get("dev").one(Deployment.class, "model-server").getSpec().getTemplate().getSpec();
    assertTrue(devPod.getNodeSelector().isEmpty() && devPod.getTolerations().isEmpty());
  }

  @Test
  void devOverlayRunsOneReplicaOfEverything() {
    Manifests dev = overlays.get("dev");
    dev.all(Deployment.class).forEach(d -> assertEquals(1, d.getSpec().getReplicas(), name(d)));
    dev.all(StatefulSet.class).forEach(s -> assertEquals(1, s.getSpec().getReplicas(), name(s)));
    assertEquals(2, overlays.get("gpu").one(Deployment.class, "sae-service").getSpec().getReplicas(),
        "base scales the consumers out");
    overlays.forEach((overlay, m) -> assertEquals(List.of("--kafka=$(KIBITZ_MESH_KAFKA)",
        "--store=$(KIBITZ_MESH_STORE)", "--output-dir=/var/lib/kibitz/sae", "--health-port=50062", "--requested-only"),
        m.one(Deployment.class, "sae-service").getSpec().getTemplate().getSpec().getContainers().get(0).getArgs(),
        overlay + ": the sae-service trains what experiments ask for, not every dataset"));
  }

  @Test
  void networkPoliciesDenyIngressAndAdmitOnlyMeshPodsOnEachTargetsPorts() {
    overlays.forEach((overlay, m) -> {
      NetworkPolicy deny = m.one(NetworkPolicy.class, "default-deny-ingress");
      assertTrue(deny.getSpec().getPodSelector().getMatchLabels() == null
          || deny.getSpec().getPodSelector().getMatchLabels().isEmpty(), "selects every pod");
      assertEquals(List.of("Ingress"), deny.getSpec().getPolicyTypes());
      assertTrue(deny.getSpec().getIngress() == null || deny.getSpec().getIngress().isEmpty());

      List<NetworkPolicy> allows = m.all(NetworkPolicy.class).stream().filter(p -> p != deny).toList();
      for (NetworkPolicy p : allows) {
        assertEquals("kibitz", p.getSpec().getPodSelector().getMatchLabels().get(MESH_LABEL), name(p));
        assertEquals(List.of("Ingress"), p.getSpec().getPolicyTypes(), name(p));
        for (NetworkPolicyIngressRule rule : p.getSpec().getIngress()) {
          assertFalse(rule.getFrom() == null || rule.getFrom().isEmpty(), name(p) + ": an empty from admits all");
          assertFalse(rule.getPorts() == null || rule.getPorts().isEmpty(), name(p) + ": no ports admits all");
          for (NetworkPolicyPeer from : rule.getFrom()) {
            assertNull(from.getIpBlock(), name(p));
            assertNull(from.getNamespaceSelector(), name(p) + ": only this namespace");
            assertEquals(Map.of(MESH_LABEL, "kibitz"), from.getPodSelector().getMatchLabels(), name(p));
          }
        }
      }
      m.podTemplates().forEach((workload, t) ->
          assertEquals("kibitz", t.getMetadata().getLabels().get(MESH_LABEL), overlay + " " + workload));
      // The policies must not cut the mesh: every Service's pods admit mesh pods on the Service's target port.
      for (Service s : m.all(Service.class)) {
        PodTemplateSpec pods = podsOf(m, s);
        Container c = pods.getSpec().getContainers().get(0);
        for (ServicePort sp : s.getSpec().getPorts()) {
          int port = containerPort(c, sp.getTargetPort());
          Map<String, String> meshPod = Map.of(MESH_LABEL, "kibitz");
          boolean admitted = allows.stream()
              .filter(p -> selects(p.getSpec().getPodSelector(), pods.getMetadata().getLabels()))
              .flatMap(p -> p.getSpec().getIngress().stream())
              .filter(r -> r.getFrom().stream().anyMatch(f -> selects(f.getPodSelector(), meshPod)))
              .anyMatch(r -> r.getPorts().stream().anyMatch(np -> np.getPort().getIntVal() == port));
          assertTrue(admitted, overlay + ": mesh pods cannot reach Service " + name(s) + " on " + port);
        }
      }
    });
  }

  @Test
  void crdIsAnApiextensionsV1CustomResourceDefinitionWithAStatusSubresource() {
    overlays.forEach((overlay, m) -> {
      CustomResourceDefinition crd = m.one(CustomResourceDefinition.class, "experiments.kibitz.dev");
      assertEquals("apiextensions.k8s.io/v1", crd.getApiVersion());
      assertEquals("kibitz.dev", crd.getSpec().getGroup());
      assertEquals("Namespaced", crd.getSpec().getScope());
      assertEquals("Experiment", crd.getSpec().getNames().getKind());
      assertEquals("experiments", crd.getSpec().getNames().getPlural());
      assertEquals(1, crd.getSpec().getVersions().size());
      assertEquals("v1alpha1", crd.getSpec().getVersions().get(0).getName());
      assertNotNull(crd.getSpec().getVersions().get(0).getSubresources().getStatus());
    });
  }

  @Test
  void everyWorkloadHasADisruptionBudgetSelectingItsPods() {
    overlays.forEach((overlay, m) -> m.podTemplates().forEach((workload, t) -> {
      if (workload.startsWith("Job/")) {
        return;
      }
      List<PodDisruptionBudget> budgets = m.all(PodDisruptionBudget.class).stream()
          .filter(b -> selects(b.getSpec().getSelector(), t.getMetadata().getLabels())).toList();
      assertEquals(1, budgets.size(), overlay + " " + workload);
      assertEquals(1, budgets.get(0).getSpec().getMaxUnavailable().getIntVal(),
          overlay + " " + workload + ": never blocks a node drain");
    }));
  }

  @Test
  void argumentsExpandToTheSharedSettingsAndTheOrchestratorGetsItsWholeMesh() {
    overlays.forEach((overlay, m) -> m.podTemplates().forEach((workload, t) -> {
      for (Container c : containers(t)) {
        Map<String, String> env = environment(m, c);
        List<String> line = new ArrayList<>();
        if (c.getCommand() != null) {
          line.addAll(c.getCommand());
        }
        if (c.getArgs() != null) {
          line.addAll(c.getArgs());
        }
        for (String arg : line) {
          assertFalse(expand(arg, env).contains("$("), overlay + " " + workload + ": unresolved " + arg);
        }
      }
    }));
    Manifests dev = overlays.get("dev");
    Container orchestrator = dev.one(Deployment.class, "orchestrator").getSpec().getTemplate().getSpec()
        .getContainers().get(0);
    Map<String, String> env = environment(dev, orchestrator);
    assertEquals(List.of("--port=50081", "--model-server=model-server:50051", "--store=activation-store:50052",
        "--steering=steering-service:50071", "--work-dir=/var/lib/kibitz/orchestrator",
        "--watch-experiments=kibitz,team-a",
        "--catalog-url=jdbc:postgresql://postgres:5432/kibitz"),
        orchestrator.getArgs().stream().map(a -> expand(a, env)).toList());
    assertEquals("orchestrator", dev.one(Deployment.class, "orchestrator").getSpec().getTemplate().getSpec()
        .getServiceAccountName());
  }

  @Test
  void everyReferencedSecretKeyAndConfigMapExists() {
    overlays.forEach((overlay, m) -> m.podTemplates().forEach((workload, t) -> {
      for (Container c : containers(t)) {
        for (EnvFromSource from : c.getEnvFrom() == null ? List.<EnvFromSource>of() : c.getEnvFrom()) {
          m.one(ConfigMap.class, from.getConfigMapRef().getName());
        }
        for (EnvVar e : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
          if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
            Secret s = m.one(Secret.class, e.getValueFrom().getSecretKeyRef().getName());
            assertTrue(s.getStringData().containsKey(e.getValueFrom().getSecretKeyRef().getKey()),
                overlay + " " + workload + " " + e.getName());
          }
        }
      }
    }));
  }

  @Test
  void kibitzPodsRunAsTheImagesNonRootUserOnAReadOnlyRoot() {
    overlays.forEach((overlay, m) -> m.all(Deployment.class).forEach(d -> {
      var pod = d.getSpec().getTemplate().getSpec();
      assertTrue(pod.getSecurityContext().getRunAsNonRoot(), name(d));
      assertEquals(10001L, pod.getSecurityContext().getRunAsUser(), name(d) + ": USER of docker/*/Dockerfile");
      Container c = pod.getContainers().get(0);
      assertTrue(c.getSecurityContext().getReadOnlyRootFilesystem(), name(d));
      assertFalse(c.getSecurityContext().getAllowPrivilegeEscalation(), name(d));
      assertEquals("kibitz/" + name(d), c.getImage().substring(0, c.getImage().indexOf(':')), name(d));
      assertTrue(c.getVolumeMounts().stream().anyMatch(v -> v.getMountPath().equals("/tmp")), name(d));
    }));
  }

  @Test
  void noPodTemplateCarriesFieldsKubernetesDoesNotKnow() {
    // fabric8 keeps unknown fields aside instead of failing; a typo (readinesProbe, limit) would land there.
    overlays.forEach((overlay, m) -> m.podTemplates().forEach((workload, t) -> {
      assertEquals(Map.of(), t.getSpec().getAdditionalProperties(), overlay + " " + workload);
      for (Container c : containers(t)) {
        String where = overlay + " " + workload + " " + c.getName();
        assertEquals(Map.of(), c.getAdditionalProperties(), where);
        assertEquals(Map.of(), c.getResources().getAdditionalProperties(), where);
        for (Probe p : new Probe[] {c.getReadinessProbe(), c.getLivenessProbe(), c.getStartupProbe()}) {
          if (p != null) {
            assertEquals(Map.of(), p.getAdditionalProperties(), where);
          }
        }
      }
    }));
  }

  /** The pod template of the workload a Service selects (exactly one). */
  private static PodTemplateSpec podsOf(Manifests m, Service s) {
    List<PodTemplateSpec> matching = m.podTemplates().values().stream()
        .filter(t -> selects(selector(s),
            t.getMetadata().getLabels())).toList();
    assertEquals(1, matching.size(), "Service " + name(s) + " selects " + matching.size() + " workloads");
    return matching.get(0);
  }

  private static LabelSelector selector(Service s) {
    return new LabelSelectorBuilder().withMatchLabels(s.getSpec().getSelector()).build();
  }

  /** A Service's targetPort (a number, or the name of a container port) as the container's port number. */
  private static int containerPort(Container c, IntOrString target) {
    if (target.getIntVal() != null) {
      return target.getIntVal();
    }
    return c.getPorts().stream().filter(p -> target.getStrVal().equals(p.getName())).findFirst()
        .orElseThrow(() -> new AssertionError(c.getName() + " has no port named " + target.getStrVal()))
        .getContainerPort();
  }

  /** The container's environment as the kubelet builds it: envFrom ConfigMaps, then env in order. */
  private static Map<String, String> environment(Manifests m, Container c) {
    Map<String, String> env = new LinkedHashMap<>();
    for (EnvFromSource from : c.getEnvFrom() == null ? List.<EnvFromSource>of() : c.getEnvFrom()) {
      env.putAll(m.one(ConfigMap.class, from.getConfigMapRef().getName()).getData());
    }
    for (EnvVar e : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
      env.put(e.getName(), e.getValue() == null ? "<from " + e.getValueFrom() + ">" : expand(e.getValue(), env));
    }
    return env;
  }

  private static final Pattern VAR = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

  /** Kubernetes' $(VAR) expansion: defined names are replaced, others left as written. */
  private static String expand(String s, Map<String, String> env) {
    Matcher matcher = VAR.matcher(s);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String value = env.get(matcher.group(1));
      matcher.appendReplacement(out, Matcher.quoteReplacement(value == null ? matcher.group() : value));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}

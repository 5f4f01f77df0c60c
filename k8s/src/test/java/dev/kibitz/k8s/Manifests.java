package dev.kibitz.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Lookups over one rendered overlay: objects by kind and name, pod templates, label selectors. */
record Manifests(List<HasMetadata> objects) {

  <T extends HasMetadata> List<T> all(Class<T> kind) {
    return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  <T extends HasMetadata> T one(Class<T> kind, String name) {
    return find(kind, name).orElseThrow(() -> new AssertionError("no " + kind.getSimpleName() + " " + name));
  }

  <T extends HasMetadata> Optional<T> find(Class<T> kind, String name) {
    return all(kind).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst();
  }

  /** Deployments, StatefulSets and Jobs with their pod templates, as "Kind/name". */
  Map<String, PodTemplateSpec> podTemplates() {
    Map<String, PodTemplateSpec> out = new java.util.TreeMap<>();
    all(Deployment.class).forEach(d -> out.put("Deployment/" + name(d), d.getSpec().getTemplate()));
    all(StatefulSet.class).forEach(s -> out.put("StatefulSet/" + name(s), s.getSpec().getTemplate()));
    all(Job.class).forEach(j -> out.put("Job/" + name(j), j.getSpec().getTemplate()));
    return out;
  }

  /** Containers and init containers of a pod template. */
  static List<Container> containers(PodTemplateSpec t) {
    List<Container> all = new ArrayList<>(t.getSpec().getContainers());
    if (t.getSpec().getInitContainers() != null) {
      all.addAll(t.getSpec().getInitContainers());
    }
    return all;
  }

  static String name(HasMetadata o) {
    return o.getMetadata().getName();
  }

  /** Kubernetes' label selector semantics for matchLabels and In/NotIn/Exists/DoesNotExist expressions. */
  static boolean selects(LabelSelector selector, Map<String, String> labels) {
    Map<String, String> match = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
    if (!match.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())))) {
      return false;
    }
    List<LabelSelectorRequirement> exprs = selector.getMatchExpressions() == null ? List.of()
        : selector.getMatchExpressions();
    return exprs.stream().allMatch(r -> switch (r.getOperator()) {
      case "In" -> r.getValues().contains(labels.get(r.getKey()));
      case "NotIn" -> !r.getValues().contains(labels.get(r.getKey()));
      case "Exists" -> labels.containsKey(r.getKey());
      case "DoesNotExist" -> !labels.containsKey(r.getKey());
      default -> throw new AssertionError("unknown selector operator " + r.getOperator());
    });
  }

  static Stream<String> kindsAndNames(List<HasMetadata> objects) {
    return objects.stream().map(o -> o.getKind() + "/" + name(o));
  }
}

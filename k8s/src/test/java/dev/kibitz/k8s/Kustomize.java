package dev.kibitz.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Renders a kustomization with the real {@code kubectl kustomize} (offline) and reads every document into
 * fabric8's typed model (Deployment, NetworkPolicy, CustomResourceDefinition ...), as the API server would.
 */
final class Kustomize {
  /** The k8s module's folder (surefire runs in it; an IDE may run in the repository root). */
  static final Path MODULE = Files.isDirectory(Path.of("overlays")) ? Path.of("").toAbsolutePath()
      : Path.of("k8s").toAbsolutePath();
  static final KubernetesSerialization YAML = new KubernetesSerialization();

  private Kustomize() {}

  static boolean kubectlOnPath() {
    String path = System.getenv().getOrDefault("PATH", "");
    return Arrays.stream(path.split(File.pathSeparator)).map(d -> Path.of(d, "kubectl"))
        .anyMatch(Files::isExecutable);
  }

  /** {@code kubectl kustomize DIR}, split into documents and parsed; fails naming kubectl's complaint. */
  static List<HasMetadata> render(Path dir) throws IOException, InterruptedException {
    Path out = Files.createTempFile("kustomize", ".yaml");
    Path err = Files.createTempFile("kustomize", ".err");
    try {
      Process p = new ProcessBuilder("kubectl", "kustomize", dir.toString())
          .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("kubectl kustomize " + dir + " took over 120 s");
      }
      if (p.exitValue() != 0) {
        throw new AssertionError("kubectl kustomize " + dir + " failed: " + Files.readString(err));
      }
      return parse(Files.readString(out, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** Every non-empty document of a multi-document YAML stream, as the typed object of its apiVersion and kind. */
  static List<HasMetadata> parse(String yaml) {
    List<HasMetadata> objects = new ArrayList<>();
    for (String doc : yaml.split("(?m)^---\\s*$")) {
      if (!doc.lines().allMatch(l -> l.isBlank() || l.stripLeading().startsWith("#"))) {
        objects.add(YAML.unmarshal(doc));
      }
    }
    return objects;
  }

  static List<HasMetadata> parse(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8));
  }
}

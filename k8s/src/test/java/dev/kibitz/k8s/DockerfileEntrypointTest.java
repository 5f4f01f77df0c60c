package dev.kibitz.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kibitz.cli.KibitzCli;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

/**
 * docker/&lt;service&gt;/Dockerfile for each service of the mesh: built with Maven on Temurin 17, run on the Temurin
 * 17 JRE as the manifests' non-root user, DJL offline, and an ENTRYPOINT that runs {@code kibitz serve
 * <service>}, a subcommand that exists in the CLI, from the image the service's Deployment names.
 */
class DockerfileEntrypointTest {
  static final Path DOCKER = Kustomize.MODULE.resolveSibling("docker");
  static final Set<String> SERVICES = Set.of("model-server", "activation-store", "probe-service", "sae-service",
      "steering-service", "orchestrator");

  /** The names under {@code kibitz serve}, from the CLI's own command tree. */
  static Set<String> serveSubcommands() {
    return new TreeSet<>(new CommandLine(new KibitzCli()).getSubcommands().get("serve").getSubcommands().keySet());
  }

  @Test
  void thereIsOneDockerfilePerServiceAndADockerignore() throws IOException {
    try (Stream<Path> dirs = Files.list(DOCKER)) {
      assertEquals(new TreeSet<>(SERVICES), dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString())
          .collect(java.util.stream.Collectors.toCollection(TreeSet::new)));
    }
    for (String service : SERVICES) {
      assertTrue(Files.isRegularFile(DOCKER.resolve(service).resolve("Dockerfile")), service);
    }
    List<String> ignored = Files.readAllLines(DOCKER.resolveSibling(".dockerignore"));
    assertTrue(ignored.contains("**/target") && ignored.contains(".git"), ".dockerignore keeps builds and history out");
    // Maven reads every module of the root pom, so none of them may be left out of the build context.
    String rootPom = Files.readString(DOCKER.resolveSibling("pom.xml"));
    java.util.regex.Matcher modules = java.util.regex.Pattern.compile("<module>([^<]+)</module>").matcher(rootPom);
    while (modules.find()) {
      String module = modules.group(1);
      assertTrue(ignored.stream().noneMatch(p -> p.equals(module) || p.equals(module + "/")), module);
    }
  }

  @TestFactory
  Stream<DynamicTest> everyEntrypointRunsAServeSubcommandThatExists() {
    Set<String> known = serveSubcommands();
    return SERVICES.stream().sorted().map(service -> DynamicTest.dynamicTest(service, () -> {
      List<String> entrypoint = Dockerfile.read(DOCKER.resolve(service).resolve("Dockerfile")).entrypoint();
      assertEquals("java", entrypoint.get(0), service);
      assertTrue(entrypoint.contains("-Dai.djl.offline=true"), service + ": DJL never downloads at run time");
      int main = entrypoint.indexOf("dev.kibitz.cli.KibitzCli");
      assertTrue(main > 0, service + ": runs the kibitz CLI: " + entrypoint);
      assertEquals(List.of("serve", service), entrypoint.subList(main + 1, entrypoint.size()), service);
      assertTrue(known.contains(service), "kibitz serve has no subcommand '" + service + "' (it has " + known + ")");

      StringWriter out = new StringWriter();
      CommandLine cli = new CommandLine(new KibitzCli());
      cli.setOut(new PrintWriter(out));
      assertEquals(0, cli.execute("serve", service, "--help"), service);
      assertTrue(out.toString().startsWith("Usage: kibitz serve " + service), out.toString());
    }));
  }

  @TestFactory
  Stream<DynamicTest> everyImageBuildsOnMavenAndRunsOnTheJreAsTheManifestsUser() {
    return SERVICES.stream().sorted().map(service -> DynamicTest.dynamicTest(service, () -> {
      Dockerfile d = Dockerfile.read(DOCKER.resolve(service).resolve("Dockerfile"));
      assertEquals("maven:3.9-eclipse-temurin-17", d.stages().get(0).base(), service);
      assertEquals("build", d.stages().get(0).alias(), service);
      Map<String, List<String>> flavours = Map.of("PYTORCH_FLAVOR", List.of("cpu", "cu128"));
      List<String> runtimeBases = d.baseImages(d.last(), flavours);
      assertTrue(!runtimeBases.isEmpty() && runtimeBases.stream().allMatch("eclipse-temurin:17-jre"::equals),
          service + " runs on " + runtimeBases);
      assertEquals(List.of("10001:10001"), d.last().values("USER"), service + ": the manifests' runAsUser");
      assertTrue(d.last().values("COPY").contains("--from=build /src/cli/target/lib/ /opt/kibitz/lib/"), service);

      // The image the Deployment runs, and the port it exposes, are this service's.
      List<HasMetadata> base = Kustomize.parse(Kustomize.MODULE.resolve("base").resolve(service + ".yaml"));
      Deployment deployment = base.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
          .findFirst().orElseThrow();
      Container c = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
      assertEquals("kibitz/" + service + ":0.1.0", c.getImage());
      assertEquals(List.of(String.valueOf(c.getPorts().get(0).getContainerPort())), d.last().values("EXPOSE"));
    }));
  }

  @Test
  void theOrchestratorImageHasStockfishAndTheChessGames() throws IOException {
    Dockerfile d = Dockerfile.read(DOCKER.resolve("orchestrator/Dockerfile"));
    assertTrue(String.join("\n", d.last().values("RUN")).contains("apt-get install -y --no-install-recommends "
        + "stockfish"), "finetune-head and steer-sae-features run Stockfish in the orchestrator");
    assertTrue(d.last().values("COPY").contains("--from=build /src/data/chess/ /opt/kibitz/data/chess/"));
    assertTrue(d.entrypoint().contains("-Dkibitz.home=/opt/kibitz"), "data/chess resolves under kibitz.home");
    List<String> ignored = Files.readAllLines(Kustomize.MODULE.getParent().resolve(".dockerignore"));
    assertTrue(ignored.indexOf("!data/chess") > ignored.indexOf("data"), "the build context keeps data/chess: "
        + ignored);
  }

  @Test
  void theModelServerImageCarriesCpuOrCudaNativesAndNeverFetchesThemAtRunTime() throws IOException {
    Dockerfile d = Dockerfile.read(DOCKER.resolve("model-server/Dockerfile"));
    assertEquals("cpu", d.argDefaults().get("PYTORCH_FLAVOR"));
    assertEquals("runtime-${PYTORCH_FLAVOR}", d.last().base());
    Dockerfile.Stage cpu = d.stages().stream().filter(s -> "runtime-cpu".equals(s.alias())).findFirst().orElseThrow();
    assertTrue(cpu.values("COPY").contains("--from=build /opt/kibitz/djl-cache/ /opt/kibitz/djl-cache/"));
    assertTrue(String.join(" ", cpu.values("ENV")).contains("ENGINE_CACHE_DIR=/opt/kibitz/djl-cache"));
    Dockerfile.Stage cuda = d.stages().stream().filter(s -> "runtime-cu128".equals(s.alias())).findFirst()
        .orElseThrow();
    String env = String.join(" ", cuda.values("ENV"));
    assertTrue(env.contains("PYTORCH_LIBRARY_PATH=/opt/libtorch/lib") && env.contains("PYTORCH_FLAVOR=cu128")
        && env.contains("PYTORCH_VERSION=2.7.1"), env);
    // The natives are unpacked at build time by the shared helper, which must exist.
    assertTrue(String.join("\n", d.stages().get(0).values("RUN")).contains("docker/UnpackNatives.java"));
    assertTrue(Files.isRegularFile(DOCKER.resolve("UnpackNatives.java")));
  }
}

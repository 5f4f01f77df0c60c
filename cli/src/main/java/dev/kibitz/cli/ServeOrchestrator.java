package dev.kibitz.cli;

import dev.kibitz.orchestrator.Orchestrator;
import dev.kibitz.orchestrator.grpc.GrpcOrchestratorServer;
import dev.kibitz.orchestrator.k8s.ExperimentController;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import dev.kibitz.orchestrator.mesh.Mesh;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kibitz serve orchestrator}: the orchestrator's gRPC API (submit, watch, cancel, list) over a
 * running mesh. On start it resumes the runs its run-state database says are unfinished.
 */
@Command(name = "orchestrator", mixinStandardHelpOptions = true,
    description = "Serve OrchestratorService over gRPC (health and reflection included) against a running mesh; "
        + "resumes unfinished runs on start; stops on SIGTERM leaving running experiments to resume.")
final class ServeOrchestrator implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--port", defaultValue = "50081", description = "port to listen on (default: ${DEFAULT-VALUE}; 0 = any free)")
  int port;

  @Option(names = "--host", defaultValue = "0.0.0.0", description = "address to bind (default: ${DEFAULT-VALUE})")
  String host;

  @Option(names = "--model-server", required = true, paramLabel = "HOST:PORT", converter = HostPort.Converter.class,
      description = "the model server")
  HostPort modelServer;

  @Option(names = "--store", required = true, paramLabel = "HOST:PORT", converter = HostPort.Converter.class,
      description = "the activation store (the model server must reach it at the same address)")
  HostPort store;

  @Option(names = "--steering", required = true, paramLabel = "HOST:PORT", converter = HostPort.Converter.class,
      description = "the steering service")
  HostPort steering;

  @Option(names = "--catalog-url", paramLabel = "JDBC_URL",
      description = "run state in this database, e.g. the store's catalog (default: an H2 file in --work-dir)")
  String catalogUrl;

  @Option(names = "--catalog-user", defaultValue = "${env:KIBITZ_CATALOG_USER:-postgres}",
      description = "default: $KIBITZ_CATALOG_USER or postgres")
  String catalogUser;

  @Option(names = "--catalog-password", defaultValue = "${env:KIBITZ_CATALOG_PASSWORD:-}",
      description = "default: $KIBITZ_CATALOG_PASSWORD or empty")
  String catalogPassword;

  @Option(names = "--work-dir", defaultValue = "${sys:user.home}/.kibitz/orchestrator",
      description = "reports and step files (default: ${DEFAULT-VALUE})")
  Path workDir;

  @Option(names = "--parallelism", defaultValue = "2", description = "steps run at once (default: ${DEFAULT-VALUE})")
  int parallelism;

  @Option(names = "--watch-experiments", split = ",", paramLabel = "NAMESPACE",
      description = "run Experiment custom resources of these namespaces (comma-separated; * for all) and write "
          + "their status; needs in-cluster credentials or a kubeconfig (default: none)")
  java.util.List<String> watchNamespaces;

  @Override
  public Integer call() throws Exception {
    HostPort.checkListenPort(spec, "--port", port);
    if (parallelism < 1) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--parallelism must be at least 1, got " + parallelism);
    }
    java.nio.file.Files.createDirectories(workDir);
    Mesh mesh = Mesh.connect(modelServer.toString(), store.toString(), steering.toString());
    Orchestrator orchestrator = new Orchestrator(mesh, workDir, catalogUrl, catalogUser, catalogPassword, parallelism);
    int resumed = orchestrator.runner().resumeUnfinished().size();
    GrpcOrchestratorServer server = GrpcOrchestratorServer.start(host, port, orchestrator.runner());
    java.util.List<ExperimentController> controllers = new java.util.ArrayList<>();
    KubernetesClient kube = watchNamespaces == null ? null : new KubernetesClientBuilder().build();
    if (kube != null) {
      for (String ns : watchNamespaces) {
        controllers.add(new ExperimentController(kube, orchestrator.runner(), ns.equals("*") ? null : ns).start());
      }
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        for (ExperimentController c : controllers) {
          c.close();
        }
        if (kube != null) {
          kube.close();
        }
        server.endpoint().stop(10, () -> { });
        orchestrator.close();
        mesh.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "orchestrator-shutdown"));
    System.out.println("orchestrator listening on port " + server.port() + " (resumed " + resumed + " runs"
        + (watchNamespaces == null ? "" : "; running Experiment objects of " + String.join(", ", watchNamespaces))
        + ")");
    server.endpoint().awaitTermination();
    return 0;
  }
}

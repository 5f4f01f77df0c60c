package dev.kibitz.cli;

import dev.kibitz.orchestrator.Orchestrator;
import dev.kibitz.orchestrator.embedded.EmbeddedMesh;
import dev.kibitz.orchestrator.mesh.Mesh;
import dev.kibitz.orchestrator.run.RunHandle;
import dev.kibitz.orchestrator.spec.InvalidSpecException;
import dev.kibitz.orchestrator.state.RunRecord;
import dev.kibitz.orchestrator.state.RunState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kibitz run [SPEC]}: validates an experiment spec, runs it to a report and prints where the
 * report is. Without addresses it starts the whole mesh in this JVM first (embedded mode).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Run an experiment spec (docs/experiments.md) to a report; without SPEC, the built-in default "
        + "experiment on the maze agent.",
        "Without --model-server/--store/--steering, every service starts in this JVM with an in-JVM Kafka broker."})
final class RunCommand implements Callable<Integer> {
  @Parameters(index = "0", arity = "0..1", paramLabel = "SPEC", description = "experiment spec (YAML)")
  Path spec;

  @Option(names = "--work-dir", defaultValue = "kibitz-work",
      description = "run state, reports and (embedded) service data (default: ${DEFAULT-VALUE})")
  Path workDir;

  @Option(names = "--parallelism", defaultValue = "2", description = "steps run at once (default: ${DEFAULT-VALUE})")
  int parallelism;

  @Option(names = "--model-server", paramLabel = "HOST:PORT", description = "use a running mesh: the model server")
  String modelServer;

  @Option(names = "--store", paramLabel = "HOST:PORT", description = "... the activation store")
  String store;

  @Option(names = "--steering", paramLabel = "HOST:PORT", description = "... the steering service")
  String steering;

  @Option(names = "--run-state-url", paramLabel = "JDBC_URL",
      description = "run state in this database (jdbc:postgresql://...; default: an H2 file in --work-dir)")
  String runStateUrl;

  @Option(names = "--validate-only", description = "check the spec, report every problem, run nothing")
  boolean validateOnly;

  @Option(names = "--print-default", description = "print the built-in default spec and exit")
  boolean printDefault;

  @Override
  public Integer call() throws Exception {
    if (printDefault) {
      System.out.print(Orchestrator.defaultSpec());
      return 0;
    }
    String yaml = spec == null ? Orchestrator.defaultSpec() : readSpec(spec);
    String source = spec == null ? "the default spec" : spec.toString();
    boolean remote = modelServer != null || store != null || steering != null;
    if (remote && (modelServer == null || store == null || steering == null)) {
      throw new IllegalArgumentException("a running mesh needs all of --model-server, --store and --steering");
    }
    if (parallelism < 1) {
      throw new IllegalArgumentException("--parallelism must be at least 1, got " + parallelism);
    }
    if (validateOnly && !remote) {
      return validateAgainstEmbeddedModelServer(yaml, source);
    }
    Files.createDirectories(workDir);
    try (EmbeddedMesh embedded = remote ? null : EmbeddedMesh.start(workDir.resolve("mesh"),
        s -> System.out.println("started " + s));
        Mesh connected = remote ? Mesh.connect(modelServer, store, steering) : null) {
      Mesh mesh = remote ? connected : embedded.mesh();
      try (Orchestrator orchestrator = new Orchestrator(mesh, workDir, runStateUrl, "postgres", "", parallelism)) {
        if (validateOnly) {
          orchestrator.runner().validator().validate(yaml, source);
          System.out.println(source + " is valid");
          return 0;
        }
        RunProgress progress = new RunProgress(System.out);
        orchestrator.runner().addListener(progress);
        RunHandle handle = orchestrator.runner().submit(yaml, source);
        System.out.println("run " + handle.runId());
        RunRecord r = handle.await(7, TimeUnit.DAYS);
        System.out.println(progress.summary(r));
        return r.state() == RunState.SUCCEEDED ? 0 : 1;
      } catch (InvalidSpecException e) {
        System.err.println("kibitz: " + e.getMessage());
        return 2;
      }
    }
  }

  /** Validation needs only the model catalog: one model server in this JVM, not the whole mesh. */
  private static int validateAgainstEmbeddedModelServer(String yaml, String source) throws Exception {
    io.micronaut.context.ApplicationContext server = dev.kibitz.modelserver.ModelServerApplication.start(
        java.util.Map.of("kibitz.model-server.port", 0, "kibitz.model-server.host", "127.0.0.1"));
    try (dev.kibitz.modelserver.client.ModelServerClient client = dev.kibitz.modelserver.client.ModelServerClient
        .connect("127.0.0.1", server.getBean(dev.kibitz.modelserver.grpc.GrpcModelServer.class).port())) {
      new dev.kibitz.orchestrator.spec.SpecValidator(dev.kibitz.orchestrator.mesh.MeshSteps.all(),
          new dev.kibitz.orchestrator.mesh.MeshModelCatalog(dev.kibitz.modelserver.client.Forwarder.remote(client, 60)))
          .validate(yaml, source);
      System.out.println(source + " is valid");
      return 0;
    } catch (InvalidSpecException e) {
      System.err.println("kibitz: " + e.getMessage());
      return 2;
    } finally {
      server.close();
    }
  }

  private static String readSpec(Path p) throws java.io.IOException {
    if (!Files.isRegularFile(p)) {
      throw new IllegalArgumentException("spec file " + p + " does not exist");
    }
    return Files.readString(p);
  }
}

package dev.kibitz.orchestrator;

import dev.kibitz.orchestrator.mesh.MeshModelCatalog;
import dev.kibitz.orchestrator.mesh.MeshSteps;
import dev.kibitz.orchestrator.mesh.Services;
import dev.kibitz.orchestrator.run.ExperimentRunner;
import dev.kibitz.orchestrator.spec.SpecValidator;
import dev.kibitz.orchestrator.state.JdbcRunStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * The orchestrator over a mesh: validates specs against the models the model server serves, keeps run
 * state in the catalog database, and runs steps through the mesh's services.
 */
public final class Orchestrator implements AutoCloseable {
  /** The built-in default experiment (capture, probes, SAE, cheese-vector steering, report on the maze agent). */
  public static final String DEFAULT_SPEC = "maze-default.yaml";

  private final JdbcRunStore store;
  private final ExperimentRunner runner;

  /**
   * Over the mesh, or over {@code InProcessServices} (every step's code in this JVM, for the benchmark).
   *
   * @param runStateUrl jdbc:postgresql:... or jdbc:h2:...; null for an H2 file under {@code workDir}
   */
  public Orchestrator(Services services, Path workDir, String runStateUrl, String user, String password,
      int parallelism) {
    this.store = runStateUrl == null ? JdbcRunStore.embedded(workDir) : JdbcRunStore.open(runStateUrl, user, password);
    SpecValidator validator = new SpecValidator(MeshSteps.all(), new MeshModelCatalog(services.models()));
    this.runner = new ExperimentRunner(validator, store, Map.of(Services.class, services), workDir.resolve("runs"),
        parallelism);
  }

  public ExperimentRunner runner() {
    return runner;
  }

  /** The text of the built-in default experiment. */
  public static String defaultSpec() {
    try (InputStream in = Orchestrator.class.getResourceAsStream(DEFAULT_SPEC)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("the built-in " + DEFAULT_SPEC + " cannot be read", e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    runner.close();
    store.close();
  }
}

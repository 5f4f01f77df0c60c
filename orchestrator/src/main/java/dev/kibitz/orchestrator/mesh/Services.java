package dev.kibitz.orchestrator.mesh;

import com.google.gson.JsonArray;
import dev.kibitz.modelserver.client.Forwarder;
import dev.kibitz.orchestrator.step.StepContext;
import dev.kibitz.proto.v1.EvaluateRequest;
import dev.kibitz.proto.v1.EvaluateResult;
import dev.kibitz.proto.v1.MazeRow;
import dev.kibitz.sae.Sae;
import dev.kibitz.sae.buffer.RowSource;
import dev.kibitz.sae.service.SaeJobSpec;
import dev.kibitz.store.catalog.DatasetSpec;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What the experiment steps need from the services: the {@link Mesh} (every service over gRPC, the
 * store and Kafka between them), or the same services' code called in this JVM
 * ({@code InProcessServices}), against which the benchmark prices the mesh. A step is written once.
 */
public interface Services {
  /** Forward passes: the model server. */
  Forwarder models();

  /**
   * Runs {@code batches} batches of {@code inputs} ({@code batch(i)} with labels) through {@code model} capturing
   * {@code specs}' hooks, one new dataset per hook, sealed at the end; returns hook to dataset id. {@code
   * progress} hears each finished batch.
   */
  Map<String, String> capture(String model, String checkpoint, Map<String, DatasetSpec> specs, int batches,
      java.util.function.IntFunction<dev.kibitz.proto.v1.ForwardBatch> inputs, StepContext ctx) throws Exception;

  /** True when a service of its own trains the probes ({@link #probes} only waits), false when the caller does. */
  boolean probesTrainedElsewhere();

  /** A captured dataset's probe results (the probe service's table as JSON) and the id they are kept under. */
  ProbeResults probes(String dataset, long timeoutSeconds, StepContext ctx) throws Exception;

  record ProbeResults(String id, JsonArray probes) {}

  /** True when the sae-service trains SAEs ({@link #trainSae} asks and waits), false when the caller does. */
  boolean saesTrainedElsewhere();

  /**
   * An SAE trained on a captured dataset as {@code spec} says, kept as store artifacts (their ids in the
   * result); its files also go to {@code dir}.
   */
  TrainedSae trainSae(String dataset, SaeJobSpec spec, Path dir, long timeoutSeconds, StepContext ctx)
      throws Exception;

  /** A trained SAE and the ids of its weights and config artifacts, by file name. */
  record TrainedSae(Sae sae, Map<String, String> artifacts) {}

  /** A captured dataset's rows for SAE training, batch after batch, epoch after epoch. */
  RowSource rows(String dataset);

  /** The width of one row of a captured dataset. */
  int rowWidth(String dataset);

  /** Keeps an artifact derived from {@code dataset}; returns its id. */
  String putArtifact(String kind, String name, String dataset, Map<String, String> attributes, byte[] bytes)
      throws Exception;

  /** A steering evaluation: each maze's row as it is done, then the summary. */
  EvaluateResult evaluate(EvaluateRequest request, Consumer<MazeRow> onRow, StepContext ctx) throws Exception;
}

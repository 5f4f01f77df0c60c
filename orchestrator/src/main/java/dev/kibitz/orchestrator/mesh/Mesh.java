package dev.kibitz.orchestrator.mesh;

import com.google.gson.JsonParser;
import dev.kibitz.modelserver.client.Forwarder;
import dev.kibitz.modelserver.client.ModelServerClient;
import dev.kibitz.orchestrator.step.StepContext;
import dev.kibitz.probe.report.ProbeReport;
import dev.kibitz.probe.service.ProbeSink;
import dev.kibitz.proto.v1.Artifact;
import dev.kibitz.proto.v1.EvaluateRequest;
import dev.kibitz.proto.v1.EvaluateResult;
import dev.kibitz.proto.v1.EvaluateUpdate;
import dev.kibitz.proto.v1.ForwardBatch;
import dev.kibitz.proto.v1.ForwardOpen;
import dev.kibitz.proto.v1.MazeRow;
import dev.kibitz.proto.v1.StoreCaptures;
import dev.kibitz.sae.buffer.RowSource;
import dev.kibitz.sae.checkpoint.SaeCheckpoint;
import dev.kibitz.sae.service.DatasetRowSource;
import dev.kibitz.sae.service.SaeJobSpec;
import dev.kibitz.sae.service.SaeJobs;
import dev.kibitz.store.catalog.DatasetSpec;
import dev.kibitz.proto.v1.SteeringServiceGrpc;
import dev.kibitz.store.client.ActivationStoreClient;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * The orchestrator's clients of the mesh, addressed by host:port: the same in one JVM (loopback ports)
 * and on a cluster (service names). The model server is also told the store's address, to which it
 * writes captures itself, so that address must be reachable from the model server.
 */
public final class Mesh implements Services, AutoCloseable {
  private final ModelServerClient models;
  private final ActivationStoreClient store;
  private final String storeTarget;
  private final ManagedChannel steering;
  private final Forwarder forwarder;

  private Mesh(ModelServerClient models, ActivationStoreClient store, String storeTarget, ManagedChannel steering) {
    this.models = models;
    this.store = store;
    this.storeTarget = storeTarget;
    this.steering = steering;
    this.forwarder = Forwarder.remote(models, 3_600);
  }

  /** Each target is HOST:PORT. */
  public static Mesh connect(String modelServer, String store, String steering) {
    String[] m = hostPort(modelServer, "model server");
    String[] s = hostPort(store, "activation store");
    hostPort(steering, "steering service");
    return new Mesh(ModelServerClient.connect(m[0], Integer.parseInt(m[1])),
        new ActivationStoreClient(s[0], Integer.parseInt(s[1]), 300), store,
        ManagedChannelBuilder.forTarget(steering).usePlaintext().maxInboundMessageSize(256 << 20).build());
  }

  private static String[] hostPort(String target, String what) {
    String[] p = target == null ? new String[0] : target.split(":", 2);
    if (p.length != 2 || p[0].isBlank() || !p[1].matches("\\d{1,5}")) {
      throw new IllegalArgumentException(what + " address must be HOST:PORT, got '" + target + "'");
    }
    return p;
  }

  @Override
  public Forwarder models() {
    return forwarder;
  }

  public ActivationStoreClient store() {
    return store;
  }

  /** The store's address as the model server should dial it. */
  public String storeTarget() {
    return storeTarget;
  }

  public SteeringServiceGrpc.SteeringServiceBlockingStub steering(long timeout, TimeUnit unit) {
    return SteeringServiceGrpc.newBlockingStub(steering).withDeadlineAfter(timeout, unit);
  }

  /** The model server writes each batch's captures into the datasets itself; they are sealed at the end. */
  @Override
  public Map<String, String> capture(String model, String checkpoint, Map<String, DatasetSpec> specs, int batches,
      IntFunction<ForwardBatch> inputs, StepContext ctx) throws InterruptedException {
    Map<String, String> datasets = new LinkedHashMap<>();
    StoreCaptures.Builder target = StoreCaptures.newBuilder().setTarget(storeTarget);
    specs.forEach((hook, spec) -> {
      String id = store.createDataset(spec).getId();
      datasets.put(hook, id);
      target.putDatasets(hook, id);
    });
    ForwardOpen open = ForwardOpen.newBuilder().setModel(model).setCheckpoint(checkpoint).addAllCapture(specs.keySet())
        .setStore(target).build();
    try (Forwarder.Session s = forwarder.open(open)) {
      for (int i = 0; i < batches; i++) {
        if (ctx.cancelled()) {
          throw new InterruptedException("cancelled");
        }
        s.forward(inputs.apply(i));
        ctx.progress((i + 1.0) / batches, "batch " + (i + 1) + "/" + batches);
      }
    }
    datasets.values().forEach(store::seal);
    return datasets;
  }

  @Override
  public boolean probesTrainedElsewhere() {
    return true;
  }

  /** The probe service trains a dataset's probes when it hears the seal; its table appears in the store. */
  @Override
  public ProbeResults probes(String dataset, long timeoutSeconds, StepContext ctx) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
    ctx.progress(0, "waiting for the probe service");
    while (true) {
      Optional<Artifact> results = store.artifacts(ProbeSink.ARTIFACT_KIND, dataset).stream()
          .filter(a -> a.getName().endsWith("/" + ProbeReport.JSON)).findFirst();
      if (results.isPresent()) {
        byte[] json = store.getArtifact(ProbeSink.ARTIFACT_KIND, results.get().getName());
        return new ProbeResults(results.get().getId(),
            JsonParser.parseString(new String(json, StandardCharsets.UTF_8)).getAsJsonArray());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no probe results for dataset " + dataset + " after " + timeoutSeconds / 60
            + " min: is a probe service running on the store's events?");
      }
      if (ctx.cancelled()) {
        throw new InterruptedException("cancelled");
      }
      Thread.sleep(250);
    }
  }

  @Override
  public boolean saesTrainedElsewhere() {
    return true;
  }

  /**
   * Asks the sae-service for the job through the store (RequestWork, kind "sae"), then waits for its
   * weights and config to appear as artifacts, telling progress from its mirrored checkpoints. Asking
   * again for a job that runs or ran is harmless: the sae-service trains each (dataset, job) once.
   */
  @Override
  public TrainedSae trainSae(String dataset, SaeJobSpec spec, Path dir, long timeoutSeconds, StepContext ctx)
      throws Exception {
    String job = spec.name();
    store.requestWork(dataset, SaeJobs.WORK_KIND, job, spec.json());
    String prefix = store.dataset(dataset).getDataset().getName() + "/" + job + "/";
    ctx.progress(0, "requested SAE job " + job + " from the sae-service");
    long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
    int lastStep = 0;
    int reportedStep = 0;
    long reportedAt = System.nanoTime();
    while (true) {
      Map<String, String> ids = new LinkedHashMap<>();
      for (Artifact a : store.artifacts(SaeJobs.ARTIFACT_KIND, dataset)) {
        if (a.getName().startsWith(prefix)) {
          ids.put(a.getName().substring(prefix.length()), a.getId());
        }
      }
      if (ids.containsKey(SaeCheckpoint.WEIGHTS) && ids.containsKey(SaeCheckpoint.CONFIG)) {
        Path files = java.nio.file.Files.createDirectories(dir.resolve("final"));
        for (String file : java.util.List.of(SaeCheckpoint.WEIGHTS, SaeCheckpoint.CONFIG)) {
          java.nio.file.Files.write(files.resolve(file), store.getArtifact(SaeJobs.ARTIFACT_KIND, prefix + file));
        }
        ids.keySet().retainAll(java.util.List.of(SaeCheckpoint.WEIGHTS, SaeCheckpoint.CONFIG));
        return new TrainedSae(SaeCheckpoint.load(files), ids);
      }
      for (Artifact a : store.artifacts(SaeJobs.FAILURE_KIND, dataset)) {
        if (a.getName().equals(prefix + "error.txt")) {
          throw new IllegalStateException("the sae-service could not train " + job + ": " + new String(
              store.getArtifact(SaeJobs.FAILURE_KIND, a.getName()), StandardCharsets.UTF_8));
        }
      }
      for (Artifact a : store.artifacts(SaeJobs.CHECKPOINT_KIND, dataset)) {
        if (a.getName().startsWith(prefix)) {
          lastStep = Math.max(lastStep, Integer.parseInt(a.getAttributesMap().getOrDefault("step", "0")));
        }
      }
      if (lastStep != reportedStep || System.nanoTime() - reportedAt > 30_000_000_000L) { // news, or a sign of life
        reportedStep = lastStep;
        reportedAt = System.nanoTime();
        ctx.progress((double) lastStep / spec.steps(), "SAE job " + job + " on the sae-service"
            + (lastStep > 0 ? ": checkpoint at step " + lastStep : ""));
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no SAE for job " + job + " on dataset " + dataset + " after "
            + timeoutSeconds / 60 + " min: is a sae-service consuming the store's events?");
      }
      if (ctx.cancelled()) {
        throw new InterruptedException("cancelled");
      }
      Thread.sleep(500);
    }
  }

  @Override
  public RowSource rows(String dataset) {
    return new DatasetRowSource(store, store.dataset(dataset));
  }

  @Override
  public int rowWidth(String dataset) {
    return new DatasetRowSource(store, store.dataset(dataset)).width();
  }

  @Override
  public String putArtifact(String kind, String name, String dataset, Map<String, String> attributes, byte[] bytes) {
    return store.putArtifact(kind, name, dataset, attributes, bytes).getId();
  }

  /** Through the steering service's streamed Evaluate. */
  @Override
  public EvaluateResult evaluate(EvaluateRequest request, Consumer<MazeRow> onRow, StepContext ctx) {
    EvaluateResult result = null;
    for (Iterator<EvaluateUpdate> it = steering(60, TimeUnit.MINUTES).evaluate(request); it.hasNext(); ) {
      EvaluateUpdate u = it.next();
      if (u.hasMaze()) {
        onRow.accept(u.getMaze());
      } else if (u.hasResult()) {
        result = u.getResult();
      }
    }
    if (result == null) {
      throw new IllegalStateException("the steering service ended Evaluate without a result");
    }
    return result;
  }

  @Override
  public void close() throws InterruptedException {
    steering.shutdown();
    models.close();
    store.close();
    steering.awaitTermination(10, TimeUnit.SECONDS);
  }
}

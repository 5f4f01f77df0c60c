package dev.kibitz.orchestrator.inprocess;

import dev.kibitz.sae.Sae;
import dev.kibitz.sae.checkpoint.SaeCheckpoint;
import dev.kibitz.sae.service.SaeJobSpec;
import dev.kibitz.sae.service.SaeJobs;
import dev.kibitz.sae.train.SaeTrainer;
import dev.kibitz.sae.train.SaeTrainingConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import com.google.gson.JsonParser;
import dev.kibitz.core.model.ModelRegistry;
import dev.kibitz.core.tensor.DType;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.games.zoo.ZooModels;
import dev.kibitz.modelserver.client.Forwarder;
import dev.kibitz.modelserver.forward.BatchResult;
import dev.kibitz.modelserver.forward.ForwardBatches;
import dev.kibitz.modelserver.forward.ForwardService;
import dev.kibitz.orchestrator.mesh.Services;
import dev.kibitz.orchestrator.step.StepContext;
import dev.kibitz.probe.ProbeConfig;
import dev.kibitz.probe.data.Activations;
import dev.kibitz.probe.report.ProbeReport;
import dev.kibitz.probe.service.InMemoryProbing;
import dev.kibitz.proto.v1.EvaluateRequest;
import dev.kibitz.proto.v1.EvaluateResult;
import dev.kibitz.proto.v1.ForwardBatch;
import dev.kibitz.proto.v1.ForwardOpen;
import dev.kibitz.proto.v1.MazeRow;
import dev.kibitz.sae.buffer.RowBatch;
import dev.kibitz.sae.buffer.RowSource;
import dev.kibitz.steering.evaluate.Evaluation;
import dev.kibitz.steering.model.ModelAccess;
import dev.kibitz.store.catalog.DatasetRecord;
import dev.kibitz.store.catalog.DatasetSpec;
import dev.kibitz.store.catalog.DatasetState;
import dev.kibitz.store.wire.StoreProtos;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * The services' own code called in this JVM, with nothing between the steps and it: the model server's
 * forward sessions without gRPC, captured rows kept in memory instead of the store, the probe service's
 * fits without Kafka or the store, SAE training from those rows, the steering service's evaluation over
 * the in-process model server. The same spec gives the same numbers as on the mesh; the difference in
 * wall time is what the mesh costs ({@code kibitz bench experiment-mesh-overhead}).
 */
public final class InProcessServices implements Services, AutoCloseable {
  private final ModelRegistry registry;
  private final Forwarder forwarder;
  private final ProbeConfig probeConfig;
  private final Map<String, MemoryDataset> datasets = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();

  /** One captured dataset: its spec and its batches in order. */
  private record MemoryDataset(DatasetSpec spec, int width, List<float[]> batches, List<Map<String, double[]>> labels) {
    int rows() {
      return batches.stream().mapToInt(b -> b.length / width).sum();
    }
  }

  private InProcessServices(ModelRegistry registry, ProbeConfig probeConfig) {
    this.registry = registry;
    this.forwarder = Forwarder.local(new ForwardService(registry, 64));
    this.probeConfig = probeConfig;
  }

  /** The zoo's models on the CPU, the probe service's default fits. */
  public static InProcessServices start() {
    ModelRegistry registry = new ModelRegistry(ai.djl.Device.cpu());
    ZooModels.registerAll(registry);
    return new InProcessServices(registry, ProbeConfig.defaults());
  }

  @Override
  public Forwarder models() {
    return forwarder;
  }

  @Override
  public Map<String, String> capture(String model, String checkpoint, Map<String, DatasetSpec> specs, int batches,
      IntFunction<ForwardBatch> inputs, StepContext ctx) throws InterruptedException {
    Map<String, String> out = new LinkedHashMap<>();
    Map<String, MemoryDataset> made = new LinkedHashMap<>();
    specs.forEach((hook, spec) -> {
      int width = (int) java.util.Arrays.stream(spec.rowShape()).reduce(1, (a, b) -> a * b);
      made.put(hook, new MemoryDataset(spec, width, new ArrayList<>(), new ArrayList<>()));
      out.put(hook, "in-process-" + ids.incrementAndGet());
    });
    ForwardOpen open = ForwardOpen.newBuilder().setModel(model).setCheckpoint(checkpoint).addAllCapture(specs.keySet())
        .build();
    try (Forwarder.Session s = forwarder.open(open)) {
      for (int i = 0; i < batches; i++) {
        if (ctx.cancelled()) {
          throw new InterruptedException("cancelled");
        }
        ForwardBatch batch = inputs.apply(i);
        // the labels stay here, as the store would keep them; the model sees the states only
        BatchResult r = s.forward(batch.toBuilder().clearLabels().clearBatchId().build());
        Map<String, double[]> labels = new LinkedHashMap<>();
        ForwardBatches.named(batch.getLabelsList(), "label").forEach((name, t) -> labels.put(name, t.toDoubles()));
        made.forEach((hook, d) -> {
          d.batches().add(r.captures().get(hook).toFloats());
          d.labels().add(labels);
        });
        ctx.progress((i + 1.0) / batches, "batch " + (i + 1) + "/" + batches);
      }
    }
    made.forEach((hook, d) -> datasets.put(out.get(hook), d));
    return out;
  }

  @Override
  public boolean probesTrainedElsewhere() {
    return false;
  }

  @Override
  public ProbeResults probes(String dataset, long timeoutSeconds, StepContext ctx) {
    MemoryDataset d = dataset(dataset);
    int rows = d.rows();
    float[] x = new float[rows * d.width()];
    Map<String, double[]> labels = new LinkedHashMap<>();
    int at = 0;
    for (int b = 0; b < d.batches().size(); b++) {
      float[] part = d.batches().get(b);
      int n = part.length / d.width();
      System.arraycopy(part, 0, x, at * d.width(), part.length);
      for (Map.Entry<String, double[]> e : d.labels().get(b).entrySet()) {
        System.arraycopy(e.getValue(), 0, labels.computeIfAbsent(e.getKey(), k -> new double[rows]), at, n);
      }
      at += n;
    }
    var described = StoreProtos.dataset(new DatasetRecord(dataset, d.spec(), DatasetState.SEALED, rows,
        d.batches().size(), 0, 0));
    var results = InMemoryProbing.results(described, new Activations(x, rows, d.width()), labels, probeConfig);
    return new ProbeResults(dataset + "/probes", JsonParser.parseString(ProbeReport.json(results)).getAsJsonArray());
  }

  /** The batches in order, then again from the first (the store's source after the seal does the same). */
  @Override
  public RowSource rows(String dataset) {
    MemoryDataset d = dataset(dataset);
    return RowSource.cycling(d.batches().size(), index -> {
      float[] values = d.batches().get(index);
      int n = values.length / d.width();
      java.nio.ByteBuffer x = java.nio.ByteBuffer.allocate(values.length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
      x.asFloatBuffer().put(values);
      java.nio.ByteBuffer ids = java.nio.ByteBuffer.allocate(n * 8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
      for (double id : d.labels().get(index).get("input_id")) {
        ids.putLong((long) id);
      }
      return new RowBatch(new HostTensor(DType.FLOAT32, new long[] {n, d.width()}, x),
          new HostTensor(DType.INT64, new long[] {n}, ids.flip()));
    });
  }

  @Override
  public int rowWidth(String dataset) {
    return dataset(dataset).width();
  }

  @Override
  public boolean saesTrainedElsewhere() {
    return false;
  }

  /** Trains here from {@link #rows}, and keeps the files as artifacts named as the sae-service names them. */
  @Override
  public TrainedSae trainSae(String dataset, SaeJobSpec spec, Path dir, long timeoutSeconds, StepContext ctx)
      throws Exception {
    SaeTrainingConfig config = spec.config(rowWidth(dataset));
    Sae sae = new SaeTrainer(config).train(rows(dataset), dir, (step, stats) -> {
      ctx.progress((double) step / config.steps(), String.format(java.util.Locale.ROOT, "step %d loss %.4f L0 %.1f",
          step, stats.loss(), stats.meanL0()));
      return !ctx.cancelled();
    }).sae();
    if (ctx.cancelled()) {
      throw new InterruptedException("cancelled");
    }
    Path files = dir.resolve("final");
    SaeCheckpoint.save(sae, files);
    Map<String, String> ids = new LinkedHashMap<>();
    for (String file : List.of(SaeCheckpoint.WEIGHTS, SaeCheckpoint.CONFIG)) {
      ids.put(file, putArtifact(SaeJobs.ARTIFACT_KIND, dataset + "/" + spec.name() + "/" + file, dataset,
          Map.of("job", spec.name()), Files.readAllBytes(files.resolve(file))));
    }
    return new TrainedSae(sae, ids);
  }

  /** Nothing to upload in one process: the step's files stay in the run folder; the id only names them. */
  @Override
  public String putArtifact(String kind, String name, String dataset, Map<String, String> attributes, byte[] bytes) {
    return "in-process-artifact-" + ids.incrementAndGet() + "/" + name;
  }

  @Override
  public EvaluateResult evaluate(EvaluateRequest request, Consumer<MazeRow> onRow, StepContext ctx) {
    return new Evaluation(new ModelAccess(forwarder)).run(request, onRow, ctx::cancelled);
  }

  private MemoryDataset dataset(String id) {
    MemoryDataset d = datasets.get(id);
    if (d == null) {
      throw new IllegalArgumentException("no in-process dataset '" + id + "' (captured datasets live as long as "
          + "their InProcessServices)");
    }
    return d;
  }

  @Override
  public void close() {
    registry.close();
  }
}

package dev.kibitz.sae.experiment;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import dev.kibitz.core.progress.ProgressBar;
import dev.kibitz.core.tensor.DType;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.core.tensor.TensorCodec;
import dev.kibitz.games.maze.CheeseRegion;
import dev.kibitz.games.maze.Maze;
import dev.kibitz.games.maze.MazeSpec;
import dev.kibitz.games.maze.Square;
import dev.kibitz.modelserver.ModelServerApplication;
import dev.kibitz.modelserver.client.ForwardStream;
import dev.kibitz.modelserver.client.ModelServerClient;
import dev.kibitz.modelserver.games.MazeStates;
import dev.kibitz.modelserver.grpc.GrpcModelServer;
import dev.kibitz.proto.v1.DatasetDetail;
import dev.kibitz.proto.v1.ForwardBatch;
import dev.kibitz.proto.v1.ForwardOpen;
import dev.kibitz.proto.v1.ForwardRequest;
import dev.kibitz.proto.v1.ModelDescription;
import dev.kibitz.proto.v1.NamedTensor;
import dev.kibitz.proto.v1.StoreCaptures;
import dev.kibitz.sae.Sae;
import dev.kibitz.sae.arch.GatedSae;
import dev.kibitz.sae.arch.JumpReluSae;
import dev.kibitz.sae.arch.ReluL1Sae;
import dev.kibitz.sae.arch.SaeArchitecture;
import dev.kibitz.sae.arch.TopKSae;
import dev.kibitz.sae.buffer.RowBatch;
import dev.kibitz.sae.eval.DownstreamFidelity;
import dev.kibitz.sae.eval.SaeEvaluator;
import dev.kibitz.sae.eval.SaeMetrics;
import dev.kibitz.sae.service.DatasetRowSource;
import dev.kibitz.sae.sweep.SaeSweep;
import dev.kibitz.sae.train.SaeTrainer;
import dev.kibitz.sae.train.SaeTrainingConfig;
import dev.kibitz.store.ActivationStoreApplication;
import dev.kibitz.store.catalog.DatasetKey;
import dev.kibitz.store.catalog.DatasetSpec;
import dev.kibitz.store.catalog.LabelSpec;
import dev.kibitz.store.client.ActivationStoreClient;
import dev.kibitz.store.grpc.GrpcStoreServer;
import io.micronaut.context.ApplicationContext;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An SAE on the maze agent, end to end in one JVM: a model server and an activation store on
 * loopback, the agent's activation at one hook captured for every free square of many mazes and
 * written by the model server straight into a store dataset, an SAE trained from the stored batches,
 * then measured on held-out mazes: reconstruction (MSE, FVU, L0, dead and dense features) and
 * downstream fidelity (policy KL and top-action agreement with the reconstruction spliced in).
 */
public final class MazeSaeExperiment {
  private MazeSaeExperiment() {}

  /** What to run; mazes are seeds [0, trainMazes) and [1e9, 1e9 + heldOutMazes), cheese anywhere. */
  public record Options(String hook, int trainMazes, int heldOutMazes, SaeArchitecture architecture, int width,
      int steps, long seed, Path out) {}

  /**
   * The standard sweep on the same captured data: ReLU-L1, Gated and JumpReLU over three sparsity
   * coefficients, TopK over k in {8, 16, 32}, at the options' width; writes {@code out/sweep/}.
   */
  public static final List<SaeSweep.Family> STANDARD_SWEEP = List.of(
      new SaeSweep.Family(new ReluL1Sae(1), List.of(1.0, 3.0, 10.0)),
      new SaeSweep.Family(new GatedSae(1), List.of(1.0, 3.0, 10.0)),
      new SaeSweep.Family(new TopKSae(16, 32, 1.0 / 32), List.of(8.0, 16.0, 32.0)),
      new SaeSweep.Family(new JumpReluSae(1, 0.5, 0.1), List.of(0.1, 0.3, 1.0)));

  public static JsonObject run(Options o) throws Exception {
    return run(o, null);
  }

  /** As {@link #run(Options)}; with {@code sweep} families, also trains and reports the whole sweep. */
  public static JsonObject run(Options o, List<SaeSweep.Family> sweep) throws Exception {
    Files.createDirectories(o.out());
    ApplicationContext server = ModelServerApplication.start(Map.of("kibitz.model-server.port", 0));
    ApplicationContext store = ActivationStoreApplication.start(Map.of("kibitz.activation-store.port", 0,
        "kibitz.activation-store.data-dir", o.out().resolve("store").toString()));
    int storePort = store.getBean(GrpcStoreServer.class).port();
    try (ModelServerClient models = ModelServerClient.connect("127.0.0.1",
        server.getBean(GrpcModelServer.class).port());
        ActivationStoreClient client = new ActivationStoreClient("127.0.0.1", storePort, 120)) {
      ModelDescription agent = models.describe("maze-agent");
      String checkpoint = agent.getSummary().getDefaultCheckpoint();
      long[] rowShape = agent.getHookPointsList().stream().filter(h -> h.getName().equals(o.hook())).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("maze-agent has no hook '" + o.hook() + "'"))
          .getShapeList().stream().mapToLong(Long::longValue).toArray();
      String train = capture(models, client, storePort, checkpoint, o, rowShape, "train", 0, o.trainMazes());
      String heldOut = capture(models, client, storePort, checkpoint, o, rowShape, "held-out", 1_000_000_000L,
          o.heldOutMazes());

      DatasetRowSource source = new DatasetRowSource(client, client.dataset(train));
      SaeTrainingConfig config = SaeTrainingConfig.standard(o.architecture(), source.width(), o.width(), o.steps(),
          o.seed());
      ProgressBar bar = new ProgressBar("sae train", o.steps());
      Sae sae = new SaeTrainer(config).train(source, o.out().resolve("sae"), (step, stats) -> {
        bar.update(step, String.format("loss %.4f L0 %.1f", stats.loss(), stats.meanL0()));
        return true;
      }).sae();

      RowBatch held = allRows(client, heldOut);
      SaeMetrics metrics = SaeEvaluator.evaluate(sae, held, 8);
      DownstreamFidelity.Result fidelity = DownstreamFidelity.measure(models, "maze-agent", checkpoint, "logits",
          DownstreamFidelity.intervention(sae, o.hook(), true, List.of()), heldOutBatches(o.heldOutMazes()));
      if (sweep != null) {
        MazeSaeSweep.run(client, train, held, heldOutBatches(o.heldOutMazes()), models, checkpoint, o.hook(), config,
            sweep, List.of(o.width()), o.out().resolve("sweep"));
      }
      JsonObject report = new JsonObject();
      report.addProperty("model", "maze-agent@" + checkpoint);
      report.addProperty("hook", o.hook());
      report.add("sae", config.toJson());
      report.addProperty("train_rows", client.dataset(train).getDataset().getRows());
      report.add("held_out", metrics.summary());
      report.addProperty("downstream_kl", fidelity.meanKl());
      report.addProperty("top_action_agreement", fidelity.topActionAgreement());
      Files.writeString(o.out().resolve("report.json"), new GsonBuilder().setPrettyPrinting().create()
          .toJson(report));
      Files.writeString(o.out().resolve("features.json"), new GsonBuilder().create().toJson(features(metrics)));
      return report;
    } finally {
      store.close();
      server.close();
    }
  }

  /**
   * Per feature: firing frequency on the held-out squares and its top-activating squares, named by
   * input id = maze seed * 1000 + index of the square in the maze's free squares.
   */
  static com.google.gson.JsonArray features(SaeMetrics m) {
    com.google.gson.JsonArray out = new com.google.gson.JsonArray();
    for (int f = 0; f < m.firingFrequency().length; f++) {
      JsonObject o = new JsonObject();
      o.addProperty("feature", f);
      o.addProperty("firing_frequency", m.firingFrequency()[f]);
      com.google.gson.JsonArray top = new com.google.gson.JsonArray();
      var ex = m.topExamples().get(f);
      for (int i = 0; i < ex.inputIds().length; i++) {
        if (ex.activations()[i] > 0) {
          JsonObject e = new JsonObject();
          e.addProperty("input_id", ex.inputIds()[i]);
          e.addProperty("activation", ex.activations()[i]);
          top.add(e);
        }
      }
      o.add("top_examples", top);
      out.add(o);
    }
    return out;
  }

  /**
   * Captures the hook for every free square of {@code count} mazes from {@code firstSeed}; the model
   * server writes each maze's batch into a new dataset, which is then sealed. Returns its id.
   */
  private static String capture(ModelServerClient models, ActivationStoreClient client, int storePort,
      String checkpoint, Options o, long[] rowShape, String part, long firstSeed, int count) {
    String name = "maze-agent." + o.hook().replace('/', '.') + "." + part + "." + System.currentTimeMillis();
    String id = client.createDataset(new DatasetSpec(name, new DatasetKey("maze-agent", checkpoint, o.hook(),
        "maze-seeds-" + firstSeed + "+" + count + "/every-square"), DType.FLOAT32, rowShape,
        List.of(new LabelSpec("input_id", DType.INT64, new long[0])), Map.of("maze.cheese", "anywhere"))).getId();
    ForwardOpen open = ForwardOpen.newBuilder().setModel("maze-agent").setCheckpoint(checkpoint)
        .addCapture(o.hook()).setStore(StoreCaptures.newBuilder().setTarget("127.0.0.1:" + storePort)
            .putDatasets(o.hook(), id)).build();
    ProgressBar bar = new ProgressBar("capture " + part, count);
    try (ForwardStream s = models.openForward(open)) {
      for (int i = 0; i < count; i++) {
        long seed = firstSeed + i;
        Maze m = new MazeSpec.Seeded(seed, 0, CheeseRegion.ANYWHERE, 5).build();
        List<Square> squares = m.freeSquares();
        ForwardBatch.Builder b = ForwardBatch.newBuilder().setBatchId("maze-" + seed);
        ByteBuffer ids = ByteBuffer.allocate(squares.size() * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int j = 0; j < squares.size(); j++) {
          b.addStates(MazeStates.toProto(m, squares.get(j)));
          ids.putLong(seed * 1_000 + j);
        }
        b.addLabels(NamedTensor.newBuilder().setName("input_id").setTensor(TensorCodec.toProto(
            new HostTensor(DType.INT64, new long[] {squares.size()}, ids.flip()))));
        s.send(ForwardRequest.newBuilder().setBatch(b).build());
        s.receive();
        bar.update(i + 1);
      }
    }
    client.seal(id);
    return id;
  }

  private static RowBatch allRows(ActivationStoreClient client, String datasetId) throws Exception {
    DatasetDetail detail = client.dataset(datasetId);
    DatasetRowSource source = new DatasetRowSource(client, detail);
    List<RowBatch> parts = new ArrayList<>();
    for (int i = 0; i < detail.getBatchesCount(); i++) {
      parts.add(source.next());
    }
    int rows = parts.stream().mapToInt(RowBatch::size).sum();
    ByteBuffer x = ByteBuffer.allocate(rows * source.width() * 4).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer ids = ByteBuffer.allocate(rows * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (RowBatch p : parts) {
      x.put(p.rows().data().duplicate());
      ids.put(p.ids().data().duplicate());
    }
    return new RowBatch(new HostTensor(DType.FLOAT32, new long[] {rows, source.width()}, x.flip()),
        new HostTensor(DType.INT64, new long[] {rows}, ids.flip()));
  }

  private static List<ForwardBatch> heldOutBatches(int count) {
    List<ForwardBatch> batches = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Maze m = new MazeSpec.Seeded(1_000_000_000L + i, 0, CheeseRegion.ANYWHERE, 5).build();
      ForwardBatch.Builder b = ForwardBatch.newBuilder();
      m.freeSquares().forEach(sq -> b.addStates(MazeStates.toProto(m, sq)));
      batches.add(b.build());
    }
    return batches;
  }
}

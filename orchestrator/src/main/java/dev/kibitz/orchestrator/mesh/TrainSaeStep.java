package dev.kibitz.orchestrator.mesh;

import com.google.gson.JsonObject;
import dev.kibitz.core.tensor.DType;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.games.maze.CheeseRegion;
import dev.kibitz.modelserver.client.Forwarder;
import dev.kibitz.orchestrator.spec.Params;
import dev.kibitz.orchestrator.step.StepCheck;
import dev.kibitz.orchestrator.step.StepContext;
import dev.kibitz.orchestrator.step.StepType;
import dev.kibitz.proto.v1.ForwardBatch;
import dev.kibitz.sae.Sae;
import dev.kibitz.sae.arch.Architectures;
import dev.kibitz.sae.arch.SaeArchitecture;
import dev.kibitz.sae.buffer.RowBatch;
import dev.kibitz.sae.checkpoint.SaeCheckpoint;
import dev.kibitz.sae.eval.DownstreamFidelity;
import dev.kibitz.sae.eval.SaeEvaluator;
import dev.kibitz.sae.eval.SaeMetrics;
import dev.kibitz.sae.service.SaeJobs;
import dev.kibitz.sae.train.SaeTrainer;
import dev.kibitz.sae.train.SaeTrainingConfig;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code train-sae}: trains one SAE on a captured dataset, streaming its batches from the store, then
 * measures it on held-out inputs never captured for training (mazes with seeds from 10^9 for a maze
 * capture; for a chess capture, held-out positions disjoint from the captured ones, under the same
 * conditionings): reconstruction (MSE, FVU, L0, dead and dense features) and downstream fidelity through
 * the model server's {@code sae} intervention (policy KL, top-action agreement). Weights and config go to
 * the store as artifacts, and stay in the run folder for later steps.
 */
public final class TrainSaeStep implements StepType<TrainSaeStep.Config> {
  public static final String NAME = "train-sae";
  static final long HELD_OUT_SEED = dev.kibitz.games.maze.agent.TrainingConfig.HELD_OUT_SEED_BASE;

  /** What to train and how much to measure it on. */
  public record Config(String capture, boolean chess, String hook, String architecture, double sparsity, int width,
      int steps, long seed, int heldOut) {

    SaeArchitecture build() {
      return Architectures.named(architecture, sparsity);
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "train an SAE on a captured hook and measure it on held-out inputs; params: capture, hook, architecture "
        + "(relu-l1, gated, topk, jumprelu), sparsity (L1/L0 coefficient, or k), width, steps, seed, held-out-mazes "
        + "(maze capture) or held-out-per-elo (chess capture)";
  }

  @Override
  public Config configure(Params p, StepCheck check) {
    Upstream.CapturedHook h = Upstream.capturedHook(p, check, List.of(CaptureStep.NAME, CaptureChessStep.NAME));
    boolean chess = h.type().equals(CaptureChessStep.NAME);
    String arch = p.choice("architecture", "relu-l1", Architectures.NAMES);
    double sparsity = p.number("sparsity", arch.equals("topk") ? 16 : arch.equals("jumprelu") ? 0.3 : 3, 0, 1e6);
    int width = (int) p.integer("width", 512, 1, 1 << 16);
    if (arch.equals("topk") && (sparsity != Math.rint(sparsity) || sparsity < 1 || sparsity > width)) {
      p.problem("sparsity", "is k for topk: a whole number from 1 to the width (" + width + "), got " + sparsity);
    }
    int heldOut = chess ? (int) p.integer("held-out-per-elo", 25, 1, 10_000)
        : (int) p.integer("held-out-mazes", 20, 1, 10_000);
    return new Config(h.step(), chess, h.hook(), arch, sparsity, width, (int) p.integer("steps", 2_000, 1,
        10_000_000), p.integer("seed", 0, 0, Long.MAX_VALUE), heldOut);
  }

  @Override
  public JsonObject run(Config c, StepContext ctx) throws Exception {
    Services services = ctx.service(Services.class);
    JsonObject capture = ctx.output(c.capture());
    String dataset = capture.getAsJsonObject("datasets").get(c.hook()).getAsString();
    String model = capture.get("model").getAsString();
    String checkpoint = capture.get("checkpoint").getAsString();
    SaeTrainingConfig config = SaeTrainingConfig.standard(c.build(), services.rowWidth(dataset), c.width(), c.steps(),
        c.seed());
    Path dir = Files.createDirectories(ctx.runDir().resolve(ctx.step()));
    Sae sae = new SaeTrainer(config).train(services.rows(dataset), dir, (step, stats) -> {
      ctx.progress(0.9 * step / c.steps(), String.format("step %d loss %.4f L0 %.1f", step, stats.loss(),
          stats.meanL0()));
      return !ctx.cancelled();
    }).sae();
    if (ctx.cancelled()) {
      throw new InterruptedException("cancelled");
    }
    ctx.progress(0.9, "measuring on held-out inputs");
    HeldOut held = c.chess() ? heldOutPositions(capture, c.heldOut()) : heldOutMazes(capture, c.heldOut());
    List<ForwardBatch> batches = held.batches();
    SaeMetrics metrics = SaeEvaluator.evaluate(sae, heldOutRows(services.models(), model, checkpoint, c.hook(),
        held), 8);
    DownstreamFidelity.Result fidelity = DownstreamFidelity.measure(services.models(), model, checkpoint, "logits",
        DownstreamFidelity.intervention(sae, c.hook(), true, List.of()), batches);

    SaeCheckpoint.save(sae, dir.resolve("final"));
    JsonObject artifacts = new JsonObject();
    for (String file : List.of(SaeCheckpoint.WEIGHTS, SaeCheckpoint.CONFIG)) {
      String name = ctx.runId() + "/" + ctx.step() + "/" + file;
      artifacts.addProperty(file, services.putArtifact(SaeJobs.ARTIFACT_KIND, name, dataset,
          Map.of("hook", c.hook(), "architecture", c.architecture()), Files.readAllBytes(dir.resolve("final")
              .resolve(file))));
    }
    JsonObject out = new JsonObject();
    out.addProperty("dataset", dataset);
    out.addProperty("hook", c.hook());
    out.add("config", config.toJson());
    out.add("held_out", metrics.summary());
    out.addProperty(c.chess() ? "held_out_per_elo" : "held_out_mazes", c.heldOut());
    out.addProperty("checkpoint_dir", dir.resolve("final").toAbsolutePath().toString());
    out.addProperty("downstream_kl", fidelity.meanKl());
    out.addProperty("top_action_agreement", fidelity.topActionAgreement());
    out.add("artifacts", artifacts);
    return out;
  }

  /** Held-out batches and each row's input id, in order. */
  private record HeldOut(List<ForwardBatch> batches, List<Long> ids) {}

  /** Held-out mazes (seeds from {@link #HELD_OUT_SEED}); ids as a maze capture labels them. */
  private static HeldOut heldOutMazes(JsonObject capture, int count) {
    MazeSquares heldOut = new MazeSquares(HELD_OUT_SEED, count, CheeseRegion.parse(capture.get("cheese")
        .getAsString()));
    List<ForwardBatch> batches = new ArrayList<>();
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < heldOut.count(); i++) {
      batches.add(heldOut.batch(i, false));
      for (int j = 0; j < batches.get(i).getStatesCount(); j++) {
        ids.add((heldOut.firstSeed() + i) * 1_000 + j);
      }
    }
    return new HeldOut(batches, ids);
  }

  /** Held-out positions after the captured ones (same seed), under the capture's conditionings. */
  private static HeldOut heldOutPositions(JsonObject capture, int perElo) throws java.io.IOException {
    List<Integer> elos = new ArrayList<>();
    capture.getAsJsonArray("elos").forEach(e -> elos.add(e.getAsInt()));
    ChessPositions heldOut = ChessPositions.heldOut(Path.of(capture.get("data").getAsString()), perElo,
        capture.get("seed").getAsLong(), elos, List.of(), capture.get("positions_per_elo").getAsInt());
    List<ForwardBatch> batches = new ArrayList<>();
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < heldOut.batches(); i++) {
      batches.add(heldOut.batch(i));
      ids.addAll(BatchLabels.longs(batches.get(i), "input_id"));
    }
    return new HeldOut(batches, ids);
  }

  /** The hook's activations on held-out batches, captured without the store, with their input ids. */
  private static RowBatch heldOutRows(Forwarder models, String model, String checkpoint, String hook,
      HeldOut held) {
    HostTensor x = HookRows.capture(models, model, checkpoint, hook, held.batches());
    ByteBuffer idBytes = ByteBuffer.allocate(held.ids().size() * 8).order(ByteOrder.LITTLE_ENDIAN);
    held.ids().forEach(idBytes::putLong);
    return new RowBatch(x, new HostTensor(DType.INT64, new long[] {held.ids().size()}, idBytes.flip()));
  }
}

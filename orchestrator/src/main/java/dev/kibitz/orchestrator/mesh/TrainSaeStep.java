package dev.kibitz.orchestrator.mesh;

import com.google.gson.JsonObject;
import dev.kibitz.orchestrator.spec.Params;
import dev.kibitz.orchestrator.step.StepCheck;
import dev.kibitz.orchestrator.step.StepContext;
import dev.kibitz.orchestrator.step.StepType;
import dev.kibitz.sae.Sae;
import dev.kibitz.sae.arch.Architectures;
import dev.kibitz.sae.arch.SaeArchitecture;
import dev.kibitz.sae.checkpoint.SaeCheckpoint;
import dev.kibitz.sae.service.SaeJobs;
import dev.kibitz.sae.train.SaeTrainer;
import dev.kibitz.sae.train.SaeTrainingConfig;
import java.nio.file.Files;
import java.nio.file.Path;
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
    SaeHeldOut held = SaeHeldOut.capture(services.models(), capture, c.chess(), c.heldOut(), c.hook());
    SaeHeldOut.Measured measured = held.measure(services.models(), sae, 8);

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
    out.add("held_out", measured.metrics().summary());
    out.addProperty(c.chess() ? "held_out_per_elo" : "held_out_mazes", c.heldOut());
    out.addProperty("checkpoint_dir", dir.resolve("final").toAbsolutePath().toString());
    out.addProperty("downstream_kl", measured.fidelity().meanKl());
    out.addProperty("top_action_agreement", measured.fidelity().topActionAgreement());
    out.add("artifacts", artifacts);
    return out;
  }
}

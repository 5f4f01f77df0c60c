package dev.kibitz.orchestrator.mesh;

import com.google.gson.JsonObject;
import dev.kibitz.orchestrator.spec.Params;
import dev.kibitz.orchestrator.step.StepCheck;
import dev.kibitz.orchestrator.step.StepContext;
import dev.kibitz.orchestrator.step.StepType;
import dev.kibitz.sae.Sae;
import dev.kibitz.sae.arch.Architectures;
import dev.kibitz.sae.service.SaeJobSpec;
import java.nio.file.Files;
import java.nio.file.Path;

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
  public record Config(SaeSource source, String architecture, double sparsity, int width, int steps, long seed) {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "train an SAE on a captured hook and measure it on held-out inputs; params: capture, hook, architecture "
        + "(relu-l1, gated, topk, jumprelu), sparsity (L1/L0 coefficient, or k), width, steps, seed, held-out-mazes "
        + "(maze capture) or held-out-per-elo (chess capture), timeout-minutes (waiting for the sae-service)";
  }

  @Override
  public Config configure(Params p, StepCheck check) {
    SaeSource source = SaeSource.read(p, check);
    String arch = p.choice("architecture", "relu-l1", Architectures.NAMES);
    double sparsity = p.number("sparsity", arch.equals("topk") ? 16 : arch.equals("jumprelu") ? 0.3 : 3, 0, 1e6);
    int width = (int) p.integer("width", 512, 1, 1 << 16);
    if (arch.equals("topk") && (sparsity != Math.rint(sparsity) || sparsity < 1 || sparsity > width)) {
      p.problem("sparsity", "is k for topk: a whole number from 1 to the width (" + width + "), got " + sparsity);
    }
    return new Config(source, arch, sparsity, width, (int) p.integer("steps", 2_000, 1, 10_000_000),
        p.integer("seed", 0, 0, Long.MAX_VALUE));
  }

  @Override
  public boolean takesWorker(java.util.function.Function<Class<?>, Object> services) {
    return SaeSource.needsWorker(services);
  }

  @Override
  public JsonObject run(Config c, StepContext ctx) throws Exception {
    Services services = ctx.service(Services.class);
    SaeSource in = c.source();
    JsonObject capture = ctx.output(in.capture());
    String dataset = in.dataset(capture);
    SaeJobSpec spec = new SaeJobSpec(c.architecture(), c.sparsity(), c.width(), c.steps(), c.seed());
    Path dir = Files.createDirectories(ctx.runDir().resolve(ctx.step()));
    Services.TrainedSae trained = services.trainSae(dataset, spec, dir, in.timeoutSeconds(), new ScaledProgress(ctx,
        0, 0.9));
    Sae sae = trained.sae();
    ctx.progress(0.9, "measuring on held-out inputs");
    SaeHeldOut held = SaeHeldOut.capture(services.models(), capture, in.chess(), in.heldOut(), in.hook());
    SaeHeldOut.Measured measured = held.measure(services.models(), sae, 8);

    JsonObject artifacts = new JsonObject();
    trained.artifacts().forEach(artifacts::addProperty);
    JsonObject out = new JsonObject();
    out.addProperty("dataset", dataset);
    out.addProperty("hook", in.hook());
    out.add("config", spec.config(sae.dIn()).toJson());
    out.add("held_out", measured.metrics().summary());
    out.addProperty(in.heldOutKey(), in.heldOut());
    out.addProperty("checkpoint_dir", dir.resolve("final").toAbsolutePath().toString());
    out.addProperty("downstream_kl", measured.fidelity().meanKl());
    out.addProperty("top_action_agreement", measured.fidelity().topActionAgreement());
    out.add("artifacts", artifacts);
    return out;
  }
}

package dev.kibitz.orchestrator.mesh;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.kibitz.orchestrator.spec.Params;
import dev.kibitz.orchestrator.step.StepCheck;
import dev.kibitz.orchestrator.step.StepContext;
import dev.kibitz.orchestrator.step.StepType;
import dev.kibitz.sae.Sae;
import dev.kibitz.sae.arch.Architectures;
import dev.kibitz.sae.service.SaeJobSpec;
import dev.kibitz.sae.sweep.ParetoPlot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code sweep-sae}: a grid of SAEs (architecture x sparsity knob x width) on one captured hook as one step,
 * every point trained from the store with the same settings otherwise and measured on the same held-out
 * inputs ({@link SaeHeldOut}): FVU, L0, dead and dense features, downstream KL and top-action agreement. A
 * table and two Pareto plots: L0 against FVU and L0 against downstream KL.
 */
public final class SweepSaeStep implements StepType<SweepSaeStep.Config> {
  public static final String NAME = "sweep-sae";

  /** One architecture and the values of its sparsity knob to try. */
  public record Family(String architecture, List<Double> sparsities) {}

  /** The grid and how long each point trains. */
  public record Config(SaeSource source, List<Family> families, List<Integer> widths, int steps, long seed) {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "train a grid of SAEs on a captured hook and put them on the L0-FVU and L0-KL planes; params: capture, "
        + "hook, families (e.g. [\"relu-l1=1,3,10\", \"topk=8,16,32\"]), widths, steps, seed, held-out-mazes or "
        + "held-out-per-elo, timeout-minutes (per point, waiting for the sae-service)";
  }

  @Override
  public Config configure(Params p, StepCheck check) {
    SaeSource source = SaeSource.read(p, check);
    List<Integer> widths = p.numbers("widths", List.of(512.0)).stream().map(Double::intValue).toList();
    for (int w : widths) {
      if (w < 1 || w > 1 << 16) {
        p.problem("widths", "each width must be 1 to 65536, got " + w);
      }
    }
    List<Family> families = new ArrayList<>();
    for (String f : p.strings("families", List.of("relu-l1=1,3,10", "topk=8,16,32"))) {
      Family family = family(p, f, widths);
      if (family != null) {
        families.add(family);
      }
    }
    return new Config(source, families, widths, (int) p.integer("steps", 1_000, 1, 10_000_000),
        p.integer("seed", 0, 0, Long.MAX_VALUE));
  }

  /** Reads "architecture=s1,s2,..."; records a problem and returns null if it is not that. */
  private static Family family(Params p, String text, List<Integer> widths) {
    String[] parts = text.split("=", 2);
    if (parts.length != 2 || !Architectures.NAMES.contains(parts[0].trim())) {
      p.problem("families", "'" + text + "' is not ARCHITECTURE=S1,S2,... with an architecture of "
          + String.join(", ", Architectures.NAMES));
      return null;
    }
    String arch = parts[0].trim();
    List<Double> values = new ArrayList<>();
    for (String v : parts[1].split(",")) {
      try {
        double s = Double.parseDouble(v.trim());
        boolean k = arch.equals("topk");
        if (!(s >= 0) || (k && (s != Math.rint(s) || s < 1 || widths.stream().anyMatch(w -> s > w)))) {
          p.problem("families", arch + " sparsity " + v.trim() + (k ? " is not a whole k from 1 to every width"
              : " is not a number >= 0"));
        } else {
          values.add(s);
        }
      } catch (NumberFormatException e) {
        p.problem("families", "'" + v.trim() + "' in '" + text + "' is not a number");
      }
    }
    return new Family(arch, values);
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
    ctx.progress(0, "capturing held-out inputs");
    SaeHeldOut held = SaeHeldOut.capture(services.models(), capture, in.chess(), in.heldOut(), in.hook());
    int total = c.widths().size() * c.families().stream().mapToInt(f -> f.sparsities().size()).sum();
    JsonArray points = new JsonArray();
    Map<String, List<double[]>> fvu = new LinkedHashMap<>();
    Map<String, List<double[]>> kl = new LinkedHashMap<>();
    int done = 0;
    for (int width : c.widths()) {
      for (Family f : c.families()) {
        for (double s : f.sparsities()) {
          SaeJobSpec spec = new SaeJobSpec(f.architecture(), s, width, c.steps(), c.seed());
          int index = done;
          long t0 = System.nanoTime();
          Path dir = Files.createDirectories(ctx.runDir().resolve(ctx.step()).resolve("point-" + index));
          Sae sae = services.trainSae(dataset, spec, dir, in.timeoutSeconds(), new ScaledProgress(ctx,
              (double) index / total, (index + 1.0) / total)).sae();
          SaeHeldOut.Measured m = held.measure(services.models(), sae, 0);
          JsonObject o = m.metrics().summary();
          o.addProperty("architecture", f.architecture());
          o.addProperty("sparsity", s);
          o.addProperty("width", width);
          o.addProperty("downstream_kl", m.fidelity().meanKl());
          o.addProperty("top_action_agreement", m.fidelity().topActionAgreement());
          o.addProperty("seconds", (System.nanoTime() - t0) / 1e9);
          o.addProperty("checkpoint_dir", dir.resolve("final").toAbsolutePath().toString());
          points.add(o);
          String series = f.architecture() + " w=" + width;
          fvu.computeIfAbsent(series, k -> new ArrayList<>()).add(new double[] {m.metrics().meanL0(),
              m.metrics().fvu()});
          kl.computeIfAbsent(series, k -> new ArrayList<>()).add(new double[] {m.metrics().meanL0(),
              m.fidelity().meanKl()});
          done++;
        }
      }
    }
    JsonObject out = new JsonObject();
    out.addProperty("dataset", dataset);
    out.addProperty("hook", in.hook());
    out.addProperty("steps", c.steps());
    out.add("points", points);
    JsonArray figures = new JsonArray();
    figures.add(Figures.of("L0 against FVU", new ParetoPlot("SAE sweep at " + in.hook() + ": L0 against FVU (held out)",
        fvu).svg()));
    figures.add(Figures.of("L0 against downstream KL", new ParetoPlot("SAE sweep at " + in.hook()
        + ": L0 against downstream KL (held out)", kl, "KL (nats)").svg()));
    out.add("figures", figures);
    return out;
  }
}

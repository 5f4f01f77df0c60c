package dev.kibitz.sae.sweep;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.kibitz.core.progress.ProgressBar;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.sae.Sae;
import dev.kibitz.sae.arch.SaeArchitecture;
import dev.kibitz.sae.buffer.RowBatch;
import dev.kibitz.sae.buffer.RowSource;
import dev.kibitz.sae.checkpoint.AtomicFiles;
import dev.kibitz.sae.eval.SaeEvaluator;
import dev.kibitz.sae.eval.SaeMetrics;
import dev.kibitz.sae.synthetic.FeatureRecovery;
import dev.kibitz.sae.train.SaeTrainer;
import dev.kibitz.sae.train.SaeTrainingConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Trains a grid (architecture x sparsity knob x width) from one base config, evaluates each SAE on
 * the same held-out rows and writes sweep.json, sweep.md and the L0-vs-FVU Pareto plot
 * (pareto.png, pareto.svg). Each grid point reads a fresh source, so points differ only in
 * their settings.
 */
public final class SaeSweep {
  private SaeSweep() {}

  /** One architecture family with the sparsity values to try. */
  public record Family(SaeArchitecture architecture, List<Double> sparsities) {}

  /**
   * @param truth true feature directions, or null when unknown (real activations)
   * @param outDir receives the table and plots; null writes nothing
   */
  public static List<SweepRow> run(SaeTrainingConfig base, List<Family> families, List<Integer> widths,
      Supplier<RowSource> sources, RowBatch heldOut, HostTensor truth, Path outDir, PrintStream progress)
      throws IOException {
    List<SweepRow> rows = new ArrayList<>();
    int total = widths.size() * families.stream().mapToInt(f -> f.sparsities().size()).sum();
    ProgressBar bar = new ProgressBar("sae sweep", (long) total * base.steps(), progress);
    for (int width : widths) {
      for (Family f : families) {
        for (double s : f.sparsities()) {
          SaeTrainingConfig c = base.withArchitecture(f.architecture().withSparsity(s)).withWidth(width);
          long before = (long) rows.size() * base.steps();
          long t0 = System.nanoTime();
          Sae sae = new SaeTrainer(c).train(sources.get(), null, (step, st) -> {
            bar.update(before + step, String.format(Locale.ROOT, "%s s=%s w=%d loss %.3f", c.architecture().kind()
                .id(), s, width, st.loss()));
            return true;
          }).sae();
          SaeMetrics m = SaeEvaluator.evaluate(sae, heldOut, 0);
          double cos = truth == null ? Double.NaN : FeatureRecovery.meanMaxCosine(truth, sae.decoder());
          rows.add(new SweepRow(c.architecture(), width, m, cos, (System.nanoTime() - t0) / 1e9));
        }
      }
    }
    if (outDir != null) {
      write(rows, outDir);
    }
    return rows;
  }

  public static void write(List<SweepRow> rows, Path outDir) throws IOException {
    Files.createDirectories(outDir);
    AtomicFiles.writeString(outDir.resolve("sweep.json"), new GsonBuilder().setPrettyPrinting().create()
        .toJson(json(rows)));
    AtomicFiles.writeString(outDir.resolve("sweep.md"), markdown(rows));
    ParetoPlot plot = plot(rows);
    AtomicFiles.writeString(outDir.resolve("pareto.svg"), plot.svg());
    AtomicFiles.write(outDir.resolve("pareto.png"), plot::writePng);
  }

  public static JsonArray json(List<SweepRow> rows) {
    JsonArray a = new JsonArray();
    for (SweepRow r : rows) {
      JsonObject o = r.metrics().summary();
      o.add("architecture", r.architecture().toJson());
      o.addProperty("sparsity", r.architecture().sparsity());
      o.addProperty("width", r.width());
      if (!Double.isNaN(r.meanMaxCosine())) {
        o.addProperty("mean_max_cosine", r.meanMaxCosine());
      }
      o.addProperty("seconds", r.seconds());
      a.add(o);
    }
    return a;
  }

  public static String markdown(List<SweepRow> rows) {
    StringBuilder b = new StringBuilder(
        "| architecture | sparsity | width | L0 | FVU | MSE | dead | dense | max cos |\n"
            + "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (SweepRow r : rows) {
      SaeMetrics m = r.metrics();
      b.append(String.format(Locale.ROOT, "| %s | %s | %d | %.2f | %.4f | %.4f | %.3f | %.3f | %s |%n",
          r.architecture().kind().id(), r.architecture().sparsity(), r.width(), m.meanL0(), m.fvu(), m.mse(),
          m.deadFraction(), m.denseFraction(), Double.isNaN(r.meanMaxCosine()) ? "-"
              : String.format(Locale.ROOT, "%.3f", r.meanMaxCosine())));
    }
    return b.toString();
  }

  public static ParetoPlot plot(List<SweepRow> rows) {
    Map<String, List<double[]>> series = new LinkedHashMap<>();
    for (SweepRow r : rows) {
      series.computeIfAbsent(r.architecture().kind().id() + " w=" + r.width(), k -> new ArrayList<>())
          .add(new double[] {r.metrics().meanL0(), r.metrics().fvu()});
    }
    return new ParetoPlot("SAE sweep: L0 vs FVU", series);
  }

  /**
   * FVU at {@code l0} by linear interpolation between one family's points (sorted by L0);
   * NaN when {@code l0} lies outside the L0 range those points cover.
   */
  public static double fvuAtL0(List<SweepRow> rows, SaeArchitecture.Kind kind, int width, double l0) {
    List<double[]> pts = new ArrayList<>();
    for (SweepRow r : rows) {
      if (r.architecture().kind() == kind && r.width() == width) {
        pts.add(new double[] {r.metrics().meanL0(), r.metrics().fvu()});
      }
    }
    pts.sort((a, b) -> Double.compare(a[0], b[0]));
    for (int i = 0; i + 1 < pts.size(); i++) {
      double[] a = pts.get(i);
      double[] b = pts.get(i + 1);
      if (l0 >= a[0] && l0 <= b[0]) {
        return b[0] == a[0] ? a[1] : a[1] + (b[1] - a[1]) * (l0 - a[0]) / (b[0] - a[0]);
      }
    }
    return Double.NaN;
  }
}

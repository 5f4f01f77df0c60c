package dev.kibitz.sae.experiment;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.kibitz.core.progress.ProgressBar;
import dev.kibitz.modelserver.client.ModelServerClient;
import dev.kibitz.proto.v1.ForwardBatch;
import dev.kibitz.sae.Sae;
import dev.kibitz.sae.buffer.RowBatch;
import dev.kibitz.sae.eval.DownstreamFidelity;
import dev.kibitz.sae.eval.SaeEvaluator;
import dev.kibitz.sae.eval.SaeMetrics;
import dev.kibitz.sae.service.DatasetRowSource;
import dev.kibitz.sae.sweep.ParetoPlot;
import dev.kibitz.sae.sweep.SaeSweep;
import dev.kibitz.sae.sweep.SweepRow;
import dev.kibitz.sae.train.SaeTrainer;
import dev.kibitz.sae.train.SaeTrainingConfig;
import dev.kibitz.store.client.ActivationStoreClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A sweep (architecture x sparsity x width) on the maze agent's stored activations, launched as one
 * job: every SAE is trained from the same stored dataset, measured on the held-out rows and spliced
 * into the agent. Writes the table (JSON + markdown) and two Pareto plots: L0 vs FVU and L0 vs KL.
 */
final class MazeSaeSweep {
  private MazeSaeSweep() {}

  /** One trained point: the sweep row plus its downstream fidelity. */
  record Point(SweepRow row, DownstreamFidelity.Result fidelity) {}

  static List<Point> run(ActivationStoreClient store, String trainDataset, RowBatch heldOut,
      List<ForwardBatch> heldOutInputs, ModelServerClient models, String checkpoint, String hook,
      SaeTrainingConfig base, List<SaeSweep.Family> families, List<Integer> widths, Path out) throws Exception {
    List<Point> points = new ArrayList<>();
    int total = widths.size() * families.stream().mapToInt(f -> f.sparsities().size()).sum();
    ProgressBar bar = new ProgressBar("sae sweep", (long) total * base.steps());
    for (int width : widths) {
      for (SaeSweep.Family f : families) {
        for (double s : f.sparsities()) {
          SaeTrainingConfig c = base.withArchitecture(f.architecture().withSparsity(s)).withWidth(width);
          long before = (long) points.size() * base.steps();
          long t0 = System.nanoTime();
          Sae sae = new SaeTrainer(c).train(new DatasetRowSource(store, store.dataset(trainDataset)), null,
              (step, st) -> {
                bar.update(before + step, String.format(Locale.ROOT, "%s s=%s w=%d loss %.3f",
                    c.architecture().kind().id(), s, width, st.loss()));
                return true;
              }).sae();
          SaeMetrics m = SaeEvaluator.evaluate(sae, heldOut, 0);
          DownstreamFidelity.Result fid = DownstreamFidelity.measure(models, "maze-agent", checkpoint, "logits",
              DownstreamFidelity.intervention(sae, hook, true, List.of()), heldOutInputs);
          points.add(new Point(new SweepRow(c.architecture(), width, m, Double.NaN, (System.nanoTime() - t0) / 1e9),
              fid));
        }
      }
    }
    write(points, out);
    return points;
  }

  static void write(List<Point> points, Path out) throws IOException {
    List<SweepRow> rows = points.stream().map(Point::row).toList();
    SaeSweep.write(rows, out);
    JsonArray table = SaeSweep.json(rows);
    for (int i = 0; i < points.size(); i++) {
      JsonObject o = table.get(i).getAsJsonObject();
      o.addProperty("downstream_kl", points.get(i).fidelity().meanKl());
      o.addProperty("top_action_agreement", points.get(i).fidelity().topActionAgreement());
    }
    Files.writeString(out.resolve("sweep.json"), new GsonBuilder().setPrettyPrinting().create().toJson(table));
    StringBuilder md = new StringBuilder("| architecture | sparsity | width | L0 | FVU | dead | KL | top action kept |\n"
        + "|---|---:|---:|---:|---:|---:|---:|---:|\n");
    Map<String, List<double[]>> kl = new LinkedHashMap<>();
    for (Point p : points) {
      SweepRow r = p.row();
      md.append(String.format(Locale.ROOT, "| %s | %s | %d | %.2f | %.4f | %.3f | %.4f | %.3f |%n",
          r.architecture().kind().id(), r.architecture().sparsity(), r.width(), r.metrics().meanL0(),
          r.metrics().fvu(), r.metrics().deadFraction(), p.fidelity().meanKl(), p.fidelity().topActionAgreement()));
      kl.computeIfAbsent(r.architecture().kind().id() + " w=" + r.width(), k -> new ArrayList<>())
          .add(new double[] {r.metrics().meanL0(), p.fidelity().meanKl()});
    }
    Files.writeString(out.resolve("sweep.md"), md.toString());
    ParetoPlot plot = new ParetoPlot("SAE sweep: L0 vs downstream KL", kl, "KL (nats)");
    Files.writeString(out.resolve("pareto-kl.svg"), plot.svg());
    plot.writePng(out.resolve("pareto-kl.png"));
  }
}

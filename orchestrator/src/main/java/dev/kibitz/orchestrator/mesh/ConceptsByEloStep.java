package dev.kibitz.orchestrator.mesh;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.kibitz.core.stats.SignedRankTest;
import dev.kibitz.orchestrator.spec.Params;
import dev.kibitz.orchestrator.step.StepCheck;
import dev.kibitz.orchestrator.step.StepContext;
import dev.kibitz.orchestrator.step.StepType;
import dev.kibitz.probe.ProbeResult;
import dev.kibitz.probe.metrics.Metric;
import dev.kibitz.probe.report.Heatmap;
import dev.kibitz.probe.report.ProbeReport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code concepts-by-elo}: does what the chess policy's layers encode change with the Elo it is
 * conditioned on (H1), or stay the same while only the move choice changes (H2)? Over the probes of
 * every {@code train-probes} step it needs (hooks of a {@code capture-chess}), per hook: each concept's
 * test score (ROC AUC for yes/no concepts, R² for real ones) at the lowest and the highest conditioning,
 * and Wilcoxon's signed-rank test of the difference across concepts. A hook supports H1 when the test
 * rejects at {@code alpha} divided by the number of hooks (Bonferroni); the step's conclusion is H1 if
 * any hook does. Figures: mean score per hook x Elo, and the concepts that moved most, hook x Elo.
 */
public final class ConceptsByEloStep implements StepType<ConceptsByEloStep.Config> {
  public static final String NAME = "concepts-by-elo";

  /** The probe steps read, the test's level, how many per-concept figures. */
  public record Config(List<String> probeSteps, double alpha, int figures) {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "knowing vs doing: probe scores by conditioned Elo per hook, signed-rank test lowest vs highest Elo across "
        + "concepts (H1: decodability changes, H2: it does not); needs train-probes steps; params: alpha, figures";
  }

  @Override
  public Config configure(Params p, StepCheck check) {
    List<String> probes = new ArrayList<>();
    check.allNeeds().forEach((name, type) -> {
      if (type.equals(TrainProbesStep.NAME)) {
        probes.add(name);
      }
    });
    if (probes.isEmpty()) {
      p.problem(null, "needs at least one " + TrainProbesStep.NAME + " step (of a " + CaptureChessStep.NAME
          + " capture)");
    }
    return new Config(probes, p.number("alpha", 0.05, 1e-9, 0.5), (int) p.integer("figures", 4, 0, 50));
  }

  @Override
  public JsonObject run(Config c, StepContext ctx) {
    List<ProbeResult> results = new ArrayList<>();
    for (String step : c.probeSteps()) {
      results.addAll(ProbeReport.parse(ctx.output(step).getAsJsonArray("probes").toString()));
    }
    List<String> hooks = results.stream().map(ProbeResult::hook).distinct().toList();
    TreeSet<Integer> elos = new TreeSet<>();
    results.forEach(r -> {
      if (r.conditioning().matches("\\d+")) {
        elos.add(Integer.parseInt(r.conditioning()));
      }
    });
    if (elos.size() < 2) {
      throw new IllegalArgumentException("the probes have " + elos.size() + " Elo conditioning values; comparing "
          + "skill levels needs at least two (capture-chess with two or more elos)");
    }
    String low = Integer.toString(elos.first());
    String high = Integer.toString(elos.last());
    JsonArray perHook = new JsonArray();
    boolean anyH1 = false;
    double hookAlpha = c.alpha() / hooks.size();
    Map<String, Double> moved = new LinkedHashMap<>();
    for (String hook : hooks) {
      Map<String, ProbeResult> lows = byConcept(results, hook, low);
      Map<String, ProbeResult> highs = byConcept(results, hook, high);
      List<String> concepts = lows.keySet().stream().filter(highs::containsKey).toList();
      double[] before = new double[concepts.size()];
      double[] after = new double[concepts.size()];
      for (int i = 0; i < concepts.size(); i++) {
        before[i] = score(lows.get(concepts.get(i)));
        after[i] = score(highs.get(concepts.get(i)));
        moved.merge(concepts.get(i), Math.abs(after[i] - before[i]), Math::max);
      }
      SignedRankTest t = SignedRankTest.of(before, after);
      boolean h1 = t.pairs() > 0 && t.p() < hookAlpha;
      anyH1 |= h1;
      JsonObject o = new JsonObject();
      o.addProperty("hook", hook);
      o.addProperty("concepts", concepts.size());
      o.addProperty("mean_score_lowest_elo", mean(before));
      o.addProperty("mean_score_highest_elo", mean(after));
      o.addProperty("median_difference", t.medianDifference());
      o.addProperty("higher_at_highest_elo", t.positive());
      o.addProperty("lower_at_highest_elo", t.negative());
      o.addProperty("w_plus", t.wPlus());
      o.addProperty("z", t.z());
      o.addProperty("p", t.p());
      o.addProperty("supports", h1 ? "H1" : "H2");
      perHook.add(o);
    }
    JsonObject out = new JsonObject();
    out.addProperty("lowest_elo", elos.first());
    out.addProperty("highest_elo", elos.last());
    out.addProperty("alpha", c.alpha());
    out.addProperty("alpha_per_hook", hookAlpha);
    out.add("hooks", perHook);
    out.addProperty("conclusion", anyH1
        ? "H1: at some hook, concept decodability differs between the lowest and the highest conditioned Elo"
        : "H2: no hook shows a change of concept decodability between the lowest and the highest conditioned Elo");
    out.add("mean_score_by_elo", meanByElo(results, hooks, elos));
    out.add("figures", figures(results, hooks, elos, moved, c.figures()));
    return out;
  }

  /** ROC AUC for yes/no concepts, R² for real ones: scores that do not depend on the class balance. */
  static double score(ProbeResult r) {
    Double v = r.test().get(r.binary() ? Metric.ROC_AUC : Metric.R2);
    return v != null ? v : r.score();
  }

  private static Map<String, ProbeResult> byConcept(List<ProbeResult> results, String hook, String conditioning) {
    Map<String, ProbeResult> out = new LinkedHashMap<>();
    results.stream().filter(r -> r.hook().equals(hook) && r.conditioning().equals(conditioning))
        .forEach(r -> out.put(r.concept(), r));
    return out;
  }

  /** Per kind (binary, real), per hook, the mean score over concepts at each Elo. */
  private static JsonObject meanByElo(List<ProbeResult> results, List<String> hooks, TreeSet<Integer> elos) {
    JsonObject out = new JsonObject();
    for (boolean binary : new boolean[] {true, false}) {
      JsonObject kind = new JsonObject();
      for (String hook : hooks) {
        JsonArray row = new JsonArray();
        for (int elo : elos) {
          row.add(meanScore(results, binary, hook, Integer.toString(elo)));
        }
        kind.add(hook, row);
      }
      out.add(binary ? "binary_roc_auc" : "real_r2", kind);
    }
    return out;
  }

  private static JsonArray figures(List<ProbeResult> results, List<String> hooks, TreeSet<Integer> elos,
      Map<String, Double> moved, int perConcept) {
    JsonArray figures = new JsonArray();
    List<String> columns = elos.stream().map(Object::toString).toList();
    for (boolean binary : new boolean[] {true, false}) {
      double[][] v = new double[hooks.size()][columns.size()];
      boolean any = false;
      for (int i = 0; i < hooks.size(); i++) {
        for (int j = 0; j < columns.size(); j++) {
          v[i][j] = meanScore(results, binary, hooks.get(i), columns.get(j));
          any |= !Double.isNaN(v[i][j]);
        }
      }
      if (any) {
        String title = binary ? "mean ROC AUC over yes/no concepts (hook x conditioned Elo)"
            : "mean R2 over real concepts (hook x conditioned Elo)";
        figures.add(Figures.of(title, new Heatmap(title, hooks, columns, v, binary ? 0.5 : 0, 1).svg()));
      }
    }
    moved.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(perConcept)
        .forEach(e -> figures.add(Figures.of(e.getKey(), ProbeReport.heatmap(e.getKey(), results.stream()
            .filter(r -> r.conditioning().matches("\\d+")) // Elo columns, ascending
            .sorted(Comparator.comparingInt(r -> Integer.parseInt(r.conditioning()))).toList(), false).svg())));
    return figures;
  }

  /** Mean score of the binary (or real) concepts' probes at one hook and conditioning; NaN if none. */
  private static double meanScore(List<ProbeResult> results, boolean binary, String hook, String conditioning) {
    return mean(results.stream().filter(r -> r.binary() == binary && r.hook().equals(hook)
        && r.conditioning().equals(conditioning)).mapToDouble(ConceptsByEloStep::score).toArray());
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return v.length == 0 ? Double.NaN : s / v.length;
  }
}

package dev.kibitz.orchestrator.mesh;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.kibitz.probe.report.Heatmap;
import dev.kibitz.sae.sweep.ParetoPlot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's report as one HTML page with no external files: a section per step type, tables of its
 * numbers, and figures as inline SVG (probe scores as a hook x concept heatmap, SAEs on the L0-FVU plane).
 */
final class HtmlReport {
  private final String title;
  private final String runId;
  private final JsonObject steps;
  private final StringBuilder html = new StringBuilder();

  HtmlReport(String title, String runId, JsonObject steps) {
    this.title = title;
    this.runId = runId;
    this.steps = steps;
  }

  String render() {
    html.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>").append(esc(title))
        .append("</title><style>body{font-family:sans-serif;max-width:1000px;margin:2em auto}"
            + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;"
            + "text-align:right}th{background:#eee}td:first-child{text-align:left}</style></head><body>");
    html.append("<h1>").append(esc(title)).append("</h1><p>Run <code>").append(esc(runId)).append("</code></p>");
    captures();
    chessCaptures();
    probes();
    conceptsByElo();
    headFineTuning();
    saes();
    saeSweeps();
    saeSteering();
    steering();
    behaviourViews();
    html.append("</body></html>\n");
    return html.toString();
  }

  private Map<String, JsonObject> ofType(String type) {
    Map<String, JsonObject> out = new LinkedHashMap<>();
    steps.entrySet().forEach(e -> {
      JsonObject o = e.getValue().getAsJsonObject();
      if (o.get("type").getAsString().equals(type)) {
        out.put(e.getKey(), o);
      }
    });
    return out;
  }

  private void captures() {
    Map<String, JsonObject> caps = ofType(CaptureStep.NAME);
    if (caps.isEmpty()) {
      return;
    }
    html.append("<h2 id=\"capture\">Captured activations</h2><table><tr><th>step</th><th>model</th>"
        + "<th>checkpoint</th><th>mazes</th><th>rows</th><th>hook: dataset</th></tr>");
    caps.forEach((name, o) -> {
      List<String> ds = new ArrayList<>();
      o.getAsJsonObject("datasets").entrySet().forEach(e -> ds.add(esc(e.getKey() + ": " + e.getValue()
          .getAsString())));
      rawRow(esc(name), esc(o.get("model").getAsString()), esc(o.get("checkpoint").getAsString()),
          esc(o.get("mazes").getAsString()), esc(o.get("rows").getAsString()), String.join("<br>", ds));
    });
    html.append("</table>");
  }

  private void chessCaptures() {
    Map<String, JsonObject> caps = ofType(CaptureChessStep.NAME);
    if (caps.isEmpty()) {
      return;
    }
    html.append("<h2 id=\"capture-chess\">Captured chess activations</h2><p>Held-out positions, the same number "
        + "for each true mover Elo, each shown once per conditioning Elo.</p><table><tr><th>step</th><th>model</th>"
        + "<th>checkpoint</th><th>positions</th><th>per true Elo</th><th>conditioning Elos</th><th>concepts</th>"
        + "<th>rows</th></tr>");
    caps.forEach((name, o) -> row(name, o.get("model").getAsString(), o.get("checkpoint").getAsString(),
        o.get("positions").getAsString(), o.get("positions_per_true_elo").toString(), o.get("elos").toString(),
        Integer.toString(o.getAsJsonArray("concepts").size()), o.get("rows").getAsString()));
    html.append("</table>");
  }

  private void conceptsByElo() {
    Map<String, JsonObject> summary = ofType(ConceptsByEloStep.NAME);
    if (summary.isEmpty()) {
      return;
    }
    html.append("<h2 id=\"concepts-by-elo\">Knowing vs doing: concepts by conditioned Elo</h2><p>Per hook, each "
        + "concept's probe score (ROC AUC for yes/no concepts, R&sup2; for real ones) at the lowest and the highest "
        + "conditioned Elo, and Wilcoxon's signed-rank test of the difference across concepts (Bonferroni over "
        + "hooks).</p>");
    summary.forEach((name, o) -> {
      html.append("<p><b>").append(esc(o.get("conclusion").getAsString())).append("</b></p><table><tr><th>hook</th>"
          + "<th>concepts</th><th>mean at ").append(esc(o.get("lowest_elo").getAsString())).append("</th><th>mean at ")
          .append(esc(o.get("highest_elo").getAsString())).append("</th><th>median &Delta;</th><th>up / down</th>"
          + "<th>z</th><th>p</th><th>supports</th></tr>");
      o.getAsJsonArray("hooks").forEach(e -> {
        JsonObject h = e.getAsJsonObject();
        row(h.get("hook").getAsString(), h.get("concepts").getAsString(), f(h.get("mean_score_lowest_elo")
            .getAsDouble()), f(h.get("mean_score_highest_elo").getAsDouble()), f(h.get("median_difference")
            .getAsDouble()), h.get("higher_at_highest_elo").getAsString() + " / " + h.get("lower_at_highest_elo")
            .getAsString(), f(h.get("z").getAsDouble()), String.format("%.2g", h.get("p").getAsDouble()),
            h.get("supports").getAsString());
      });
      html.append("</table>");
      o.getAsJsonArray("figures").forEach(f -> html.append(f.getAsJsonObject().get("svg").getAsString()));
    });
  }

  private void headFineTuning() {
    Map<String, JsonObject> runs = ofType(FineTuneHeadStep.NAME);
    if (runs.isEmpty()) {
      return;
    }
    html.append("<h2 id=\"finetune-head\">Externalization by head-only fine-tuning</h2><p>Blundered transitional "
        + "positions: the policy's top move at the low Elo loses at least the blunder threshold against Stockfish, its "
        + "top move at the high Elo at most the sound threshold. Each head is fine-tuned, backbone frozen, to play the "
        + "high-Elo move under the low-Elo conditioning, and measured on held-out positions at the low Elo. Every "
        + "held-out transition is a blunder by selection; the blind-change rate is what the head's share of changed "
        + "moves would give if the changes ignored the position. Figure columns: blunder rate and share of high-Elo "
        + "moves on the head's own held-out transitions (tgt) and on the other groups' (oth); on ordinary held-out "
        + "positions (ord), move-match, low-Elo blunder rate and the share of low-Elo moves unchanged.</p>");
    runs.forEach((name, o) -> {
      html.append("<p>").append(esc(o.get("transitions").getAsString())).append(" transitions among ")
          .append(esc(o.get("differing").getAsString())).append(" of ").append(esc(o.get("candidates").getAsString()))
          .append(" positions whose move changes between Elo ").append(esc(o.get("low_elo").getAsString()))
          .append(" and ").append(esc(o.get("high_elo").getAsString())).append(" (blunder &ge; ")
          .append(esc(o.get("blunder_cp").getAsString())).append(" cp, sound &le; ")
          .append(esc(o.get("sound_cp").getAsString())).append(" cp, depth ").append(esc(o.get("depth").getAsString()))
          .append("). Backbone bytes identical after every fine-tuning: <b>")
          .append(o.get("backbone_identical_in_all").getAsBoolean() ? "yes" : "NO").append("</b>.</p>");
      html.append("<table><tr><th>head tuned on</th><th>trained</th><th>held out</th><th>blunder rate</th>"
          + "<th>blind-change blunder rate</th><th>plays high-Elo move</th><th>other groups: blunder rate</th>"
          + "<th>ordinary move-match</th>"
          + "<th>ordinary low-Elo move unchanged</th></tr>");
      JsonObject base = o.getAsJsonObject("ordinary_before");
      o.getAsJsonArray("heads").forEach(e -> {
        JsonObject h = e.getAsJsonObject();
        rawRow(esc(h.get("concept").getAsString()), h.get("trained").getAsString(), h.get("held_out").getAsString(),
            beforeAfter(h, "targeted", "blunder_rate"), f(h.get("blind_change_blunder_rate").getAsDouble()),
            beforeAfter(h, "targeted", "plays_high_elo_move"),
            beforeAfter(h, "other", "blunder_rate"), f(base.get("move_match").getAsDouble()) + " &rarr; "
                + f(h.getAsJsonObject("ordinary_after").get("move_match").getAsDouble()),
            f(h.getAsJsonObject("ordinary_after").get("low_elo_move_unchanged").getAsDouble()));
      });
      html.append("</table>");
      o.getAsJsonArray("figures").forEach(f -> html.append(f.getAsJsonObject().get("svg").getAsString()));
    });
  }

  private void behaviourViews() {
    Map<String, JsonObject> views = ofType(BehaviourViewsStep.NAME);
    if (views.isEmpty()) {
      return;
    }
    html.append("<h2 id=\"behaviour\">Behaviour</h2><p>Maze: the policy's net action-probability arrow at every "
        + "free square, with its greedy rollout. Chess: the probability of each move the policy ranks highest at "
        + "some conditioned Elo, move x Elo.</p>");
    views.forEach((name, o) -> {
      html.append("<p><b>").append(esc(name)).append("</b>: ").append(esc(o.get("model").getAsString())).append(' ')
          .append(esc(o.get("checkpoint").getAsString())).append("</p>");
      o.getAsJsonArray("figures").forEach(f -> html.append(f.getAsJsonObject().get("svg").getAsString()));
    });
  }

  private void saeSweeps() {
    Map<String, JsonObject> sweeps = ofType(SweepSaeStep.NAME);
    if (sweeps.isEmpty()) {
      return;
    }
    html.append("<h2 id=\"sae-sweep\">SAE sweeps</h2><p>Every grid point trained on the same captured hook for "
        + "the same steps, measured on the same held-out inputs.</p>");
    sweeps.forEach((name, o) -> {
      html.append("<table><tr><th>architecture</th><th>sparsity</th><th>width</th><th>L0</th><th>FVU</th>"
          + "<th>dead</th><th>dense</th><th>KL</th><th>top action</th></tr>");
      o.getAsJsonArray("points").forEach(e -> {
        JsonObject m = e.getAsJsonObject();
        row(m.get("architecture").getAsString(), m.get("sparsity").getAsString(), m.get("width").getAsString(),
            f(m.get("mean_l0").getAsDouble()), f(m.get("fvu").getAsDouble()), f(m.get("dead_fraction").getAsDouble()),
            f(m.get("dense_fraction").getAsDouble()), f(m.get("downstream_kl").getAsDouble()),
            f(m.get("top_action_agreement").getAsDouble()));
      });
      html.append("</table>");
      o.getAsJsonArray("figures").forEach(f -> html.append(f.getAsJsonObject().get("svg").getAsString()));
    });
  }

  private void saeSteering() {
    Map<String, JsonObject> runs = ofType(SteerSaeFeaturesStep.NAME);
    if (runs.isEmpty()) {
      return;
    }
    html.append("<h2 id=\"steer-sae-features\">Targeted externalization by SAE feature steering</h2><p>Per concept, "
        + "the SAE features whose activation best predicts it (ROC AUC on held-out positions) are amplified at the "
        + "low Elo on other held-out positions where the concept holds; the control amplifies as many random "
        + "features by the same coefficient.</p>");
    runs.forEach((name, o) -> {
      html.append("<p>Hook <code>").append(esc(o.get("hook").getAsString())).append("</code>, ")
          .append(esc(o.get("sae_architecture").getAsString())).append(" SAE of width ")
          .append(o.get("sae_width").getAsInt()).append(", ").append(o.get("features_per_concept").getAsInt())
          .append(" features per concept scaled by each of ").append(esc(o.get("coefficients").toString()))
          .append(" at Elo ").append(o.get("low_elo").getAsInt()).append(".</p><table><tr><th>concept</th>"
              + "<th>positions</th><th>best feature AUC</th><th>condition</th><th>acts on concept</th>"
              + "<th>blunder rate</th><th>plays Stockfish best</th><th>move changed</th></tr>");
      o.getAsJsonArray("concepts").forEach(e -> {
        JsonObject c = e.getAsJsonObject();
        var features = c.getAsJsonArray("features");
        String auc = features.isEmpty() ? "-" : f(features.get(0).getAsJsonObject().get("auc").getAsDouble());
        for (var e2 : c.getAsJsonObject("conditions").entrySet()) {
          String condition = e2.getKey();
          JsonObject m = e2.getValue().getAsJsonObject();
          row(c.get("concept").getAsString(), c.get("positions").getAsString(), auc, condition,
              f(m.get("acts_on_concept").getAsDouble()), f(m.get("blunder_rate").getAsDouble()),
              f(m.get("plays_stockfish_best").getAsDouble()), f(m.get("move_changed").getAsDouble()));
        }
      });
      html.append("</table>");
      o.getAsJsonArray("figures").forEach(f -> html.append(f.getAsJsonObject().get("svg").getAsString()));
    });
  }

  private static String beforeAfter(JsonObject head, String set, String measure) {
    return f(head.getAsJsonObject(set + "_before").get(measure).getAsDouble()) + " &rarr; "
        + f(head.getAsJsonObject(set + "_after").get(measure).getAsDouble());
  }

  private void probes() {
    Map<String, JsonObject> probeSteps = ofType(TrainProbesStep.NAME);
    if (probeSteps.isEmpty()) {
      return;
    }
    html.append("<h2 id=\"probes\">Linear probes</h2><p>Held-out test score of each concept's probe (balanced accuracy for "
        + "binary concepts, R&sup2; for real ones) against the majority/mean baseline and a probe trained on "
        + "shuffled labels (control); selectivity = score - control.</p><table><tr><th>hook</th><th>concept</th>"
        + "<th>metric</th><th>test</th><th>baseline</th><th>control</th><th>selectivity</th></tr>");
    List<String> hooks = new ArrayList<>();
    List<String> concepts = new ArrayList<>();
    Map<String, Double> score = new LinkedHashMap<>();
    for (JsonObject o : probeSteps.values()) {
      for (JsonElement e : o.getAsJsonArray("probes")) {
        JsonObject p = e.getAsJsonObject();
        if (!p.get("conditioning").getAsString().equals("all")) {
          continue;
        }
        String metric = p.get("metric").getAsString();
        String hook = p.get("hook").getAsString();
        String concept = p.get("concept").getAsString();
        double test = p.getAsJsonObject("test").get(metric).getAsDouble();
        row(hook, concept, metric, f(test), f(p.getAsJsonObject("baseline").get(metric).getAsDouble()),
            f(p.getAsJsonObject("control").get(metric).getAsDouble()), f(p.get("selectivity").getAsDouble()));
        if (!hooks.contains(hook)) {
          hooks.add(hook);
        }
        if (!concepts.contains(concept)) {
          concepts.add(concept);
        }
        score.put(hook + "|" + concept, test);
      }
    }
    html.append("</table>");
    if (!hooks.isEmpty()) {
      double[][] v = new double[hooks.size()][concepts.size()];
      for (int i = 0; i < hooks.size(); i++) {
        for (int j = 0; j < concepts.size(); j++) {
          v[i][j] = score.getOrDefault(hooks.get(i) + "|" + concepts.get(j), Double.NaN);
        }
      }
      html.append(new Heatmap("probe test score (hook x concept)", hooks, concepts, v, 0, 1).svg());
    }
  }

  private void saes() {
    Map<String, JsonObject> saeSteps = ofType(TrainSaeStep.NAME);
    if (saeSteps.isEmpty()) {
      return;
    }
    html.append("<h2 id=\"sae\">Sparse autoencoders</h2><p>Measured on held-out inputs: reconstruction (FVU = "
        + "fraction of variance unexplained), mean L0, dead and dense features, and downstream fidelity with the "
        + "reconstruction replacing the activation (policy KL in nats, top-action agreement).</p><table><tr>"
        + "<th>step</th><th>hook</th><th>architecture</th><th>width</th><th>FVU</th><th>L0</th><th>dead</th>"
        + "<th>dense</th><th>KL</th><th>top action</th></tr>");
    Map<String, List<double[]>> series = new LinkedHashMap<>();
    saeSteps.forEach((name, o) -> {
      JsonObject m = o.getAsJsonObject("held_out");
      JsonObject cfg = o.getAsJsonObject("config");
      String arch = cfg.getAsJsonObject("architecture").get("architecture").getAsString();
      row(name, o.get("hook").getAsString(), arch, cfg.get("d_sae").getAsString(), f(m.get("fvu").getAsDouble()),
          f(m.get("mean_l0").getAsDouble()), f(m.get("dead_fraction").getAsDouble()),
          f(m.get("dense_fraction").getAsDouble()), f(o.get("downstream_kl").getAsDouble()),
          f(o.get("top_action_agreement").getAsDouble()));
      series.computeIfAbsent(arch, k -> new ArrayList<>()).add(new double[] {m.get("mean_l0").getAsDouble(),
          m.get("fvu").getAsDouble()});
    });
    html.append("</table>").append(new ParetoPlot("SAEs: L0 against FVU (held out)", series).svg());
  }

  private void steering() {
    Map<String, JsonObject> steer = ofType(SteerCheeseVectorStep.NAME);
    if (steer.isEmpty()) {
      return;
    }
    html.append("<h2 id=\"steering\">Steering</h2><p>P(first move toward the cheese) at each maze's decision "
        + "square, without and with the vector added (coefficient x vector); the random control has the cheese "
        + "vector's norm in each maze. Rollouts: greedy walks from the start that reach the cheese.</p><table><tr>"
        + "<th>step</th><th>condition</th><th>mazes</th><th>mean P(cheese) before</th><th>after</th>"
        + "<th>mean &Delta;P</th><th>median &Delta;P</th><th>reached cheese before</th><th>after</th></tr>");
    steer.forEach((name, o) -> o.getAsJsonObject("conditions").entrySet().forEach(e -> {
      JsonObject s = e.getValue().getAsJsonObject();
      row(name + " (x" + o.get("coefficient").getAsString() + " at " + o.get("hook").getAsString() + ")", e.getKey(),
          s.get("mazes").getAsString(), f(s.getAsJsonObject("p_cheese_unpatched").get("mean").getAsDouble()),
          f(s.getAsJsonObject("p_cheese_patched").get("mean").getAsDouble()),
          f(s.getAsJsonObject("delta_p_cheese").get("mean").getAsDouble()),
          f(s.getAsJsonObject("delta_p_cheese").get("median").getAsDouble()),
          s.get("reached_cheese_unpatched").getAsString() + "/" + s.get("rollouts").getAsString(),
          s.get("reached_cheese_patched").getAsString() + "/" + s.get("rollouts").getAsString());
    }));
    html.append("</table>");
    steer.values().forEach(o -> {
      if (o.has("figures") && o.getAsJsonArray("figures").size() > 0) {
        html.append("<p>Vector fields: the policy at every square with the vector added minus without.</p>");
        o.getAsJsonArray("figures").forEach(f -> html.append(f.getAsJsonObject().get("svg").getAsString()));
      }
    });
  }

  private void row(String... cells) {
    rawRow(java.util.Arrays.stream(cells).map(HtmlReport::esc).toArray(String[]::new));
  }

  /** A table row of cells that are HTML already (escaped by the caller). */
  private void rawRow(String... cells) {
    html.append("<tr>");
    for (String c : cells) {
      html.append("<td>").append(c).append("</td>");
    }
    html.append("</tr>");
  }

  private static String f(double v) {
    return Double.isNaN(v) ? "-" : String.format("%.3f", v);
  }

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}

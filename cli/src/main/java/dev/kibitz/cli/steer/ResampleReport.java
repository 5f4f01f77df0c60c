package dev.kibitz.cli.steer;

import com.google.gson.GsonBuilder;
import dev.kibitz.probe.report.Heatmap;
import dev.kibitz.proto.v1.EvaluateResult;
import dev.kibitz.proto.v1.EvaluateSummary;
import dev.kibitz.proto.v1.MazeRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The resampling experiment's outputs: the 2x2 of mean |change in action probability| (over every
 * square of every maze's field and the five actions, in percent, as the reference reports it), the
 * same for P(cheese) at decision squares, report.json with per-maze numbers, and the 2x2 as a figure.
 */
final class ResampleReport {
  private final String hook;
  private final CheeseChannels.Chosen chosen;
  private final int seeds;
  private final List<Condition> conditions;
  private final Map<String, EvaluateResult> results;
  private final double seconds;

  ResampleReport(String hook, CheeseChannels.Chosen chosen, int seeds, List<Condition> conditions,
      Map<String, EvaluateResult> results, double seconds) {
    this.hook = hook;
    this.chosen = chosen;
    this.seeds = seeds;
    this.conditions = conditions;
    this.results = results;
    this.seconds = seconds;
  }

  private EvaluateSummary summary(int k) {
    return results.get(ResampleConditions.KEYS.get(k)).getSummary();
  }

  /** Mean |dp| in percent: [channels][location]. */
  private double[][] grid() {
    return new double[][] {
        {100 * summary(0).getMeanAbsDeltaP().getMean(), 100 * summary(1).getMeanAbsDeltaP().getMean()},
        {100 * summary(2).getMeanAbsDeltaP().getMean(), 100 * summary(3).getMeanAbsDeltaP().getMean()}};
  }

  String table() {
    double[][] g = grid();
    StringBuilder b = new StringBuilder(String.format("resampling at %s over %d mazes: mean |change in action "
        + "probability| (%%)%n", hook, summary(0).getMazes()));
    b.append(String.format("%-28s %15s %15s%n", "", "same location", "other location"));
    b.append(String.format("%-28s %14.3f%% %14.3f%%%n", "cheese channels " + chosen.top(), g[0][0], g[0][1]));
    b.append(String.format("%-28s %14.3f%% %14.3f%%%n", "control channels " + chosen.control(), g[1][0], g[1][1]));
    b.append(String.format("%nmean dP(cheese) at decision squares (%d mazes):%n", summary(0).getWithDecisionSquare()));
    b.append(String.format("%-28s %+15.4f %+15.4f%n", "cheese channels", summary(0).getDeltaPCheese().getMean(),
        summary(1).getDeltaPCheese().getMean()));
    b.append(String.format("%-28s %+15.4f %+15.4f%n", "control channels", summary(2).getDeltaPCheese().getMean(),
        summary(3).getDeltaPCheese().getMean()));
    return b.toString();
  }

  void write(Path out) throws IOException {
    Files.createDirectories(out);
    Files.writeString(out.resolve("report.json"), new GsonBuilder().setPrettyPrinting().create().toJson(json()));
    Files.writeString(out.resolve("report.md"), "# Resampling channels\n\nProduced by `kibitz steer resample`; "
        + "see docs/steering.md for the method.\n\n```\n" + table() + "```\n");
    double[][] g = grid();
    double hi = Math.max(Math.max(g[0][0], g[0][1]), Math.max(g[1][0], g[1][1]));
    Heatmap map = new Heatmap("mean |change in action probability| (%), " + summary(0).getMazes() + " mazes",
        List.of("cheese channels", "control channels"), List.of("same location", "other location"), g, 0,
        hi > 0 ? hi : 1);
    map.writePng(out.resolve("resample-2x2.png"));
    map.writeSvg(out.resolve("resample-2x2.svg"));
  }

  private Map<String, Object> json() {
    Map<String, Object> root = new LinkedHashMap<>();
    EvaluateResult any = results.values().iterator().next();
    root.put("experiment", "resample");
    root.put("model", any.getProvenance().getModel());
    root.put("checkpoint", any.getProvenance().getCheckpoint());
    root.put("hook", hook);
    root.put("cheese_channels", chosen.top());
    root.put("control_channels", chosen.control());
    root.put("channel_order", chosen.ranking().getOrder().name());
    root.put("maze_seeds", "held-out base " + dev.kibitz.games.maze.agent.TrainingConfig.HELD_OUT_SEED_BASE + " + 0.."
        + (seeds - 1) + ", cheese anywhere");
    root.put("wall_seconds", Math.round(seconds * 10) / 10.0);
    List<Map<String, Object>> out = new ArrayList<>();
    for (Condition c : conditions) {
      EvaluateSummary s = results.get(c.key()).getSummary();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("condition", c.key());
      m.put("description", c.description());
      m.put("mazes", s.getMazes());
      m.put("mean_abs_delta_p", CheeseVectorReport.distribution(s.getMeanAbsDeltaP()));
      m.put("delta_p_cheese", CheeseVectorReport.distribution(s.getDeltaPCheese()));
      m.put("rows", results.get(c.key()).getRowsList().stream().map(ResampleReport::row).toList());
      out.add(m);
    }
    root.put("conditions", out);
    return root;
  }

  private static Map<String, Object> row(MazeRow r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("mazes", r.getLabel());
    m.put("mean_abs_delta_p", r.getMeanAbsDeltaP());
    if (r.hasDecisionSquare()) {
      m.put("delta_p_cheese", r.getPCheesePatched() - r.getPCheeseUnpatched());
    }
    return m;
  }
}

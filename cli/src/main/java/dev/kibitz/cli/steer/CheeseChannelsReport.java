package dev.kibitz.cli.steer;

import com.google.gson.GsonBuilder;
import dev.kibitz.games.maze.Maze;
import dev.kibitz.games.maze.MazeRegion;
import dev.kibitz.games.maze.Square;
import dev.kibitz.games.maze.view.Decorations;
import dev.kibitz.games.maze.view.Rollout;
import dev.kibitz.games.maze.view.VectorField;
import dev.kibitz.games.maze.view.VectorFieldRenderer;
import dev.kibitz.modelserver.games.MazeStates;
import dev.kibitz.probe.report.Heatmap;
import dev.kibitz.proto.v1.ChannelScore;
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
 * The cheese-channel experiment's outputs: report.json (ranking, ablation and retargeting numbers,
 * per-row results), report.md, retarget-regions.png/.svg (how often the greedy walk reaches the
 * target, per condition and region) and retargeted vector fields with their walks.
 */
final class CheeseChannelsReport {
  private static final int PIXELS = 24;
  private static final int RANKING_ROWS = 40;
  private static final List<MazeRegion> DRAWN = List.of(MazeRegion.TOP_LEFT, MazeRegion.CENTRE,
      MazeRegion.BOTTOM_RIGHT);

  private final String hook;
  private final CheeseChannels.Chosen chosen;
  private final List<Float> values;
  private final String drawnKey;
  private final int seeds;
  private final int retargetMazes;
  private final List<Condition> conditions;
  private final ConditionRunner.Ran ran;
  private final double seconds;

  CheeseChannelsReport(String hook, CheeseChannels.Chosen chosen, List<Float> values, String drawnKey, int seeds,
      int retargetMazes,
      List<Condition> conditions, ConditionRunner.Ran ran, double seconds) {
    this.hook = hook;
    this.chosen = chosen;
    this.values = values;
    this.drawnKey = drawnKey;
    this.seeds = seeds;
    this.retargetMazes = retargetMazes;
    this.conditions = conditions;
    this.ran = ran;
    this.seconds = seconds;
  }

  private List<Condition> ablations() {
    return conditions.stream().filter(c -> c.request().getApplication().hasAblate()).toList();
  }

  private List<Condition> retargets() {
    return conditions.stream().filter(c -> c.request().getCases(0).hasTarget()).toList();
  }

  String table() {
    StringBuilder b = new StringBuilder("channels by cheese tracking (" + chosen.ranking().getMazes() + " mazes, "
        + hook + "):\n");
    b.append(String.format("%8s %9s %9s %9s %9s %9s %9s %9s%n", "channel", "peak r", "on cheese", "response", "max",
        "resp r", "energy", "used"));
    for (ChannelScore s : chosen.ranking().getChannelsList().subList(0, Math.min(RANKING_ROWS, chosen.ranking().getChannelsCount()))) {
      b.append(String.format("%8d %9.3f %9.3f %+9.3f %9.3f %9.3f %9.3f %9s%n", s.getChannel(), s.getPeakCorrelation(),
          s.getPeakOnCheese(), s.getCheeseResponse(), s.getMaxActivation(), s.getResponsePeakCorrelation(),
          s.getResponseEnergy(), use(s.getChannel())));
    }
    b.append(String.format("%nzero ablation at decision squares:%n%-20s %5s %9s %9s %11s%n", "condition", "mazes",
        "mean dP", "median", "mean |dp|"));
    for (Condition c : ablations()) {
      EvaluateSummary s = ran.results().get(c.key()).getSummary();
      b.append(String.format("%-20s %5d %+9.4f %+9.4f %11.5f%n", c.key(), s.getWithDecisionSquare(),
          s.getDeltaPCheese().getMean(), s.getDeltaPCheese().getMedian(), s.getMeanAbsDeltaP().getMean()));
    }
    b.append(String.format("%nretargeting to %d targets: greedy walk reaches the target square (its hook cell; "
        + "relocate rows have no cell)%n", targets()));
    for (Condition c : retargets()) {
      EvaluateSummary s = ran.results().get(c.key()).getSummary();
      b.append(String.format("%-28s unpatched %.3f (%.3f) -> patched %.3f (%.3f)%n", c.key(),
          rate(s.getReachedTargetUnpatched()), rate(s.getReachedTargetCellUnpatched()),
          rate(s.getReachedTargetPatched()), rate(s.getReachedTargetCellPatched())));
    }
    return b.toString();
  }

  private String use(int channel) {
    return chosen.top().contains(channel) ? "top" : chosen.control().contains(channel) ? "control" : "";
  }

  private int targets() {
    return ran.results().get(retargets().get(0).key()).getSummary().getRollouts();
  }

  private double rate(int count) {
    return (double) count / targets();
  }

  /** Per region: reached-target rate of the unpatched walk, then of each retarget condition. */
  private double[][] byRegion() {
    List<Condition> r = retargets();
    double[][] reached = new double[r.size() + 1][MazeRegion.values().length];
    int[] counts = new int[MazeRegion.values().length];
    for (int k = 0; k < r.size(); k++) {
      for (MazeRow row : ran.results().get(r.get(k).key()).getRowsList()) {
        int g = CheeseChannelConditions.region(row.getLabel()).ordinal();
        if (k == 0) {
          counts[g]++;
          reached[0][g] += row.getRolloutUnpatched().getReachedTarget() ? 1 : 0;
        }
        reached[k + 1][g] += row.getRolloutPatched().getReachedTarget() ? 1 : 0;
      }
    }
    for (double[] line : reached) {
      for (int g = 0; g < counts.length; g++) {
        line[g] = counts[g] == 0 ? Double.NaN : line[g] / counts[g];
      }
    }
    return reached;
  }

  void write(Path out) throws IOException {
    Files.createDirectories(out);
    Files.writeString(out.resolve("report.json"), new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
        .create().toJson(json()));
    Files.writeString(out.resolve("report.md"), markdown());
    List<String> rows = new ArrayList<>(List.of("unpatched"));
    retargets().forEach(c -> rows.add(c.key()));
    List<String> columns = java.util.Arrays.stream(MazeRegion.values()).map(MazeRegion::label).toList();
    Heatmap map = new Heatmap("greedy walk reaches the target square, by region of the maze", rows, columns,
        byRegion(), 0, 1);
    map.writePng(out.resolve("retarget-regions.png"));
    map.writeSvg(out.resolve("retarget-regions.svg"));
    for (MazeRow row : ran.kept()) {
      MazeRegion region = CheeseChannelConditions.region(row.getLabel());
      if (DRAWN.contains(region)) {
        draw(out, row, region);
      }
    }
  }

  private void draw(Path out, MazeRow row, MazeRegion region) throws IOException {
    Condition c = conditions.stream().filter(k -> k.key().equals(drawnKey)).findFirst().orElseThrow();
    Maze maze = MazeStates.maze(c.request().getCases((int) row.getCaseIndex()).getMaze(), "figure maze");
    VectorField field = CheeseVectorReport.field(maze, row.getFieldPatchedList());
    Square t = new Square(row.getTarget().getRow(), row.getTarget().getCol());
    Decorations d = Decorations.titled(row.getLabel() + ": " + c.key() + " -> " + t).withRollout(Rollout.greedy(field))
        .withTarget(t);
    String seed = row.getLabel().replace("seed ", "").replace(' ', '-');
    VectorFieldRenderer.writePng(field, out.resolve("retarget-" + seed + ".png"), PIXELS, d);
  }

  private Map<String, Object> json() {
    Map<String, Object> root = new LinkedHashMap<>();
    EvaluateResult any = ran.results().values().iterator().next();
    root.put("experiment", "cheese-channels");
    root.put("model", any.getProvenance().getModel());
    root.put("checkpoint", any.getProvenance().getCheckpoint());
    root.put("hook", hook);
    root.put("stride", chosen.ranking().getStride());
    root.put("ranking_mazes", "held-out seeds " + CheeseChannels.RANKING_SEED_BASE + " + 0.."
        + (chosen.ranking().getMazes() - 1) + ", cheese anywhere");
    root.put("top_channels", chosen.top());
    root.put("control_channels", chosen.control());
    root.put("retarget_values", values);
    root.put("ablation_mazes", "held-out seeds 0.." + (seeds - 1) + " with a decision square");
    root.put("retarget_mazes", retargetMazes + " held-out mazes of side >= " + CheeseChannelConditions.RETARGET_MIN_SIZE
        + ", one target per region");
    root.put("wall_seconds", Math.round(seconds * 10) / 10.0);
    root.put("ranking", chosen.ranking().getChannelsList().stream().map(s -> ordered("channel", s.getChannel(),
        "peak_correlation", s.getPeakCorrelation(), "row_correlation", s.getRowCorrelation(), "col_correlation",
        s.getColCorrelation(), "peak_on_cheese", s.getPeakOnCheese(), "cheese_response", s.getCheeseResponse(),
        "response_peak_correlation", s.getResponsePeakCorrelation(), "response_energy", s.getResponseEnergy(),
        "max_activation", s.getMaxActivation())).toList());
    List<Map<String, Object>> out = new ArrayList<>();
    for (Condition c : conditions) {
      EvaluateResult r = ran.results().get(c.key());
      EvaluateSummary s = r.getSummary();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("condition", c.key());
      m.put("description", c.description());
      if (c.request().getApplication().hasAblate()) {
        m.put("mazes", s.getWithDecisionSquare());
        m.put("delta_p_cheese", CheeseVectorReport.distribution(s.getDeltaPCheese()));
        m.put("mean_abs_delta_p", CheeseVectorReport.distribution(s.getMeanAbsDeltaP()));
        m.put("rollouts_reaching_cheese_unpatched", s.getReachedCheeseUnpatched());
        m.put("rollouts_reaching_cheese_patched", s.getReachedCheesePatched());
      } else {
        m.put("targets", s.getRollouts());
        m.put("reached_target_unpatched", s.getReachedTargetUnpatched());
        m.put("reached_target_patched", s.getReachedTargetPatched());
        m.put("reached_target_cell_unpatched", s.getReachedTargetCellUnpatched());
        m.put("reached_target_cell_patched", s.getReachedTargetCellPatched());
        m.put("rows", r.getRowsList().stream().map(row -> ordered("target", row.getLabel(), "square",
            List.of(row.getTarget().getRow(), row.getTarget().getCol()), "reached_unpatched",
            row.getRolloutUnpatched().getReachedTarget(), "reached_patched", row.getRolloutPatched().getReachedTarget(),
            "reached_cell_patched", row.getRolloutPatched().getReachedTargetCell())).toList());
      }
      out.add(m);
    }
    root.put("conditions", out);
    double[][] regions = byRegion();
    Map<String, Object> perRegion = new LinkedHashMap<>();
    for (MazeRegion g : MazeRegion.values()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("unpatched", regions[0][g.ordinal()]);
      for (int k = 0; k < retargets().size(); k++) {
        m.put(retargets().get(k).key(), regions[k + 1][g.ordinal()]);
      }
      perRegion.put(g.label(), m);
    }
    root.put("reached_target_by_region", perRegion);
    return root;
  }

  /** A map in the given key order (Map.of's order changes from run to run). */
  private static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  private String markdown() {
    return "# Cheese channels\n\nSee docs/steering.md for the method. Produced by `kibitz steer cheese-channels`.\n\n"
        + "```\n" + table() + "```\n\nretarget-regions.png: reached-target rate per region; retarget-*.png: the "
        + drawnKey + " field with its greedy walk.\n";
  }
}

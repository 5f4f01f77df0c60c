package dev.kibitz.cli.steer;

import com.google.gson.GsonBuilder;
import dev.kibitz.games.maze.Maze;
import dev.kibitz.games.maze.view.Decorations;
import dev.kibitz.games.maze.view.VectorField;
import dev.kibitz.games.maze.view.VectorFieldDiff;
import dev.kibitz.games.maze.view.VectorFieldRenderer;
import dev.kibitz.modelserver.games.MazeStates;
import dev.kibitz.proto.v1.Distribution;
import dev.kibitz.proto.v1.EvaluateRequest;
import dev.kibitz.proto.v1.EvaluateResult;
import dev.kibitz.proto.v1.EvaluateSummary;
import dev.kibitz.proto.v1.MazeRow;
import dev.kibitz.proto.v1.SquarePolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The cheese-vector experiment's outputs: report.json, report.md, the table, and vector-field diff figures. */
final class CheeseVectorReport {
  private static final int PIXELS = 24;

  private final int seeds;
  private final int mazes;
  private final String hook;
  private final float coefficient;
  private final long randomSeed;
  private final List<Condition> conditions;
  private final Map<String, EvaluateResult> results;
  private final double seconds;

  CheeseVectorReport(int seeds, int mazes, String hook, float coefficient, long randomSeed,
      List<Condition> conditions, Map<String, EvaluateResult> results, double seconds) {
    this.seeds = seeds;
    this.mazes = mazes;
    this.hook = hook;
    this.coefficient = coefficient;
    this.randomSeed = randomSeed;
    this.conditions = conditions;
    this.results = results;
    this.seconds = seconds;
  }

  String table() {
    StringBuilder b = new StringBuilder(String.format("%-24s %5s %9s %9s %9s %9s %15s %15s%n", "condition", "mazes",
        "mean dP", "median", "q1", "q3", "P(cheese) b->a", "to cheese b->a"));
    for (Condition c : conditions) {
      EvaluateSummary s = results.get(c.key()).getSummary();
      Distribution d = s.getDeltaPCheese();
      b.append(String.format("%-24s %5d %+9.4f %+9.4f %+9.4f %+9.4f %7.3f->%-7.3f %7d->%-7d%n", c.key(),
          s.getWithDecisionSquare(), d.getMean(), d.getMedian(), d.getQ1(), d.getQ3(),
          s.getPCheeseUnpatched().getMean(), s.getPCheesePatched().getMean(), s.getReachedCheeseUnpatched(),
          s.getReachedCheesePatched()));
    }
    return b.toString();
  }

  void write(Path out, List<MazeRow> drawn, EvaluateRequest cheese) throws IOException {
    Files.createDirectories(out);
    Files.writeString(out.resolve("report.json"), new GsonBuilder().setPrettyPrinting().create().toJson(json()));
    Files.writeString(out.resolve("report.md"), markdown(drawn.size()));
    for (MazeRow row : drawn) {
      Maze maze = MazeStates.maze(cheese.getCases((int) row.getCaseIndex()).getMaze(), "figure maze");
      VectorFieldDiff diff = VectorField.diff(field(maze, row.getFieldUnpatchedList()),
          field(maze, row.getFieldPatchedList()));
      String name = "field-diff-" + row.getLabel().replace("seed ", "");
      Decorations d = Decorations.titled(row.getLabel() + ": cheese vector x " + coefficient);
      VectorFieldRenderer.writeDiffPng(diff, out.resolve(name + ".png"), PIXELS, d);
      VectorFieldRenderer.writeDiffSvg(diff, out.resolve(name + ".svg"), PIXELS, d);
    }
  }

  private Map<String, Object> json() {
    Map<String, Object> root = new LinkedHashMap<>();
    EvaluateResult any = results.values().iterator().next();
    root.put("experiment", "cheese-vector");
    root.put("model", any.getProvenance().getModel());
    root.put("checkpoint", any.getProvenance().getCheckpoint());
    root.put("hook", hook);
    root.put("coefficient", coefficient);
    root.put("random_seed", randomSeed);
    root.put("maze_seeds", "held-out base " + dev.kibitz.games.maze.agent.TrainingConfig.HELD_OUT_SEED_BASE + " + 0.."
        + (seeds - 1) + ", cheese anywhere");
    root.put("mazes_with_decision_square", mazes);
    root.put("wall_seconds", Math.round(seconds * 10) / 10.0);
    List<Map<String, Object>> table = new ArrayList<>();
    for (Condition c : conditions) {
      EvaluateResult r = results.get(c.key());
      EvaluateSummary s = r.getSummary();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("condition", c.key());
      m.put("description", c.description());
      m.put("mazes", s.getWithDecisionSquare());
      m.put("delta_p_cheese", distribution(s.getDeltaPCheese()));
      m.put("delta_p_top_right", distribution(s.getDeltaPTopRight()));
      m.put("p_cheese_unpatched_mean", s.getPCheeseUnpatched().getMean());
      m.put("p_cheese_patched_mean", s.getPCheesePatched().getMean());
      m.put("rollouts", s.getRollouts());
      m.put("rollouts_reaching_cheese_unpatched", s.getReachedCheeseUnpatched());
      m.put("rollouts_reaching_cheese_patched", s.getReachedCheesePatched());
      m.put("rows", r.getRowsList().stream().map(CheeseVectorReport::row).toList());
      table.add(m);
    }
    root.put("conditions", table);
    return root;
  }

  private String markdown(int figures) {
    StringBuilder b = new StringBuilder("# Cheese vector on " + results.values().iterator().next().getProvenance()
        .getModel() + " " + results.values().iterator().next().getProvenance().getCheckpoint() + "\n\n");
    b.append("Hook `").append(hook).append("`, coefficient ").append(coefficient).append(", ").append(mazes)
        .append(" held-out mazes (seeds 0..").append(seeds - 1).append(", cheese anywhere) with a decision square. ")
        .append("dP = P(action toward cheese at the decision square) patched - unpatched. ")
        .append("See docs/steering.md for the conditions.\n\n");
    b.append("| condition | mazes | mean dP | median | q1 | q3 | mean P(cheese) before -> after | rollouts to cheese "
        + "before -> after |\n|---|---|---|---|---|---|---|---|\n");
    for (Condition c : conditions) {
      EvaluateSummary s = results.get(c.key()).getSummary();
      Distribution d = s.getDeltaPCheese();
      b.append(String.format("| %s | %d | %+.4f | %+.4f | %+.4f | %+.4f | %.3f -> %.3f | %d -> %d of %d |%n", c.key(),
          s.getWithDecisionSquare(), d.getMean(), d.getMedian(), d.getQ1(), d.getQ3(), s.getPCheeseUnpatched().getMean(),
          s.getPCheesePatched().getMean(), s.getReachedCheeseUnpatched(), s.getReachedCheesePatched(), s.getRollouts()));
    }
    b.append("\nConditions:\n\n");
    conditions.forEach(c -> b.append("* `").append(c.key()).append("`: ").append(c.description()).append('\n'));
    b.append("\n").append(figures).append(" vector-field diffs (patched minus unpatched net arrow per square) of the `cheese` "
        + "condition: field-diff-*.png / .svg.\n");
    return b.toString();
  }

  static Map<String, Object> distribution(Distribution d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("count", d.getCount());
    m.put("mean", d.getMean());
    m.put("median", d.getMedian());
    m.put("q1", d.getQ1());
    m.put("q3", d.getQ3());
    m.put("min", d.getMin());
    m.put("max", d.getMax());
    return m;
  }

  private static Map<String, Object> row(MazeRow r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("maze", r.getLabel());
    m.put("cheese", List.of(r.getCheese().getRow(), r.getCheese().getCol()));
    m.put("decision_square", List.of(r.getDecisionSquare().getRow(), r.getDecisionSquare().getCol()));
    m.put("p_cheese_unpatched", r.getPCheeseUnpatched());
    m.put("p_cheese_patched", r.getPCheesePatched());
    m.put("vector_norm", r.getVectorNorm());
    m.put("reached_cheese_unpatched", r.getRolloutUnpatched().getReachedCheese());
    m.put("reached_cheese_patched", r.getRolloutPatched().getReachedCheese());
    return m;
  }

  static VectorField field(Maze maze, List<SquarePolicy> policies) {
    return dev.kibitz.steering.evaluate.Fields.of(maze, policies);
  }
}

package dev.kibitz.orchestrator.mesh;

import com.google.gson.JsonObject;
import dev.kibitz.games.maze.CheeseRegion;
import dev.kibitz.games.maze.Maze;
import dev.kibitz.games.maze.MazeSpec;
import dev.kibitz.games.maze.PathFinder;
import dev.kibitz.games.maze.agent.TrainingConfig;
import dev.kibitz.modelserver.games.MazeStates;
import dev.kibitz.orchestrator.spec.Params;
import dev.kibitz.orchestrator.step.StepCheck;
import dev.kibitz.orchestrator.step.StepContext;
import dev.kibitz.orchestrator.step.StepType;
import dev.kibitz.proto.v1.AddVector;
import dev.kibitz.proto.v1.Application;
import dev.kibitz.proto.v1.Distribution;
import dev.kibitz.proto.v1.EvaluateRequest;
import dev.kibitz.proto.v1.EvaluateSummary;
import dev.kibitz.proto.v1.EvaluateResult;
import dev.kibitz.proto.v1.MazeCase;
import dev.kibitz.proto.v1.PerMazeCheeseVector;
import dev.kibitz.proto.v1.RandomMatched;
import dev.kibitz.steering.evaluate.Fields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code steer-cheese-vector}: through the steering service, adds each held-out maze's own cheese vector
 * (activations with the cheese minus without, at the hook) times the coefficient, and a random vector of
 * the same norm as the control, and reports how P(first move toward the cheese) at the decision square
 * and greedy rollouts change. A negative coefficient subtracts the vector: the cheese should matter less.
 */
public final class SteerCheeseVectorStep implements StepType<SteerCheeseVectorStep.Config> {
  public static final String NAME = "steer-cheese-vector";

  /** Where and how strongly to steer, on how many held-out mazes. */
  public record Config(String model, String checkpoint, String hook, double coefficient, int mazes, long randomSeed,
      int figures) {}

  private static final int PIXELS = 20;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "cheese-vector steering against a matched random control on held-out mazes; params: model, checkpoint, "
        + "hook, coefficient, mazes, random-seed";
  }

  @Override
  public Config configure(Params p, StepCheck check) {
    String model = p.string("model");
    String hook = p.string("hook");
    check.model("model", model).ifPresent(m -> check.hooks("hook", m, List.of(hook)));
    return new Config(model, p.string("checkpoint", ""), hook, p.number("coefficient", -1, -100, 100),
        (int) p.integer("mazes", 50, 1, 10_000), p.integer("random-seed", 0, 0, Long.MAX_VALUE),
        (int) p.integer("figures", 2, 0, 20));
  }

  @Override
  public JsonObject run(Config c, StepContext ctx) throws Exception {
    Services services = ctx.service(Services.class);
    List<MazeCase> cases = new ArrayList<>();
    for (int i = 0; i < c.mazes(); i++) {
      Maze m = MazeSpec.Seeded.of(TrainingConfig.HELD_OUT_SEED_BASE + i, CheeseRegion.ANYWHERE).build();
      if (new PathFinder(m).decisionSquare().isPresent()) {
        cases.add(MazeCase.newBuilder().setLabel("seed " + m.origin().seed())
            .setMaze(MazeStates.toProto(m, m.mouseStart()).getMaze().toBuilder().clearMouse()).build());
      }
    }
    Map<String, AddVector> conditions = new LinkedHashMap<>();
    conditions.put("cheese_vector", AddVector.newBuilder().setPerMazeCheese(PerMazeCheeseVector.getDefaultInstance())
        .setCoefficient((float) c.coefficient()).build());
    conditions.put("random_matched", AddVector.newBuilder().setRandomMatched(RandomMatched.newBuilder()
        .setSeed(c.randomSeed())).setCoefficient((float) c.coefficient()).build());
    JsonObject results = new JsonObject();
    com.google.gson.JsonArray figures = new com.google.gson.JsonArray();
    int doneBefore = 0;
    int total = cases.size() * conditions.size();
    for (Map.Entry<String, AddVector> e : conditions.entrySet()) {
      EvaluateRequest request = EvaluateRequest.newBuilder().setModel(c.model()).setCheckpoint(c.checkpoint())
          .addAllCases(cases).setApplication(Application.newBuilder().setHook(c.hook()).setAdd(e.getValue())).build();
      int[] done = {doneBefore};
      EvaluateResult result = services.evaluate(request, row -> {
        ctx.progress(++done[0] / (double) total, e.getKey() + " " + row.getLabel());
        if (e.getKey().equals("cheese_vector") && figures.size() < c.figures()) {
          figures.add(figure(cases.get((int) row.getCaseIndex()), row, c.coefficient()));
        }
      }, ctx);
      doneBefore = done[0];
      results.add(e.getKey(), summary(result.getSummary()));
      if (ctx.cancelled()) {
        throw new InterruptedException("cancelled");
      }
    }
    JsonObject out = new JsonObject();
    out.addProperty("model", c.model());
    out.addProperty("hook", c.hook());
    out.addProperty("coefficient", c.coefficient());
    out.addProperty("mazes_tried", c.mazes());
    out.addProperty("mazes_with_decision_square", cases.size());
    out.add("conditions", results);
    out.add("figures", figures);
    return out;
  }

  /** The maze's policy field with the vector minus without, as SVG (arrows: how each square's move changed). */
  private static JsonObject figure(MazeCase mazeCase, dev.kibitz.proto.v1.MazeRow row, double coefficient) {
    Maze maze = MazeStates.maze(mazeCase.getMaze(), "figure maze");
    var diff = dev.kibitz.games.maze.view.VectorField.diff(Fields.of(maze, row.getFieldUnpatchedList()),
        Fields.of(maze, row.getFieldPatchedList()));
    JsonObject o = new JsonObject();
    o.addProperty("label", row.getLabel());
    o.addProperty("svg", dev.kibitz.games.maze.view.VectorFieldRenderer.svg(diff, PIXELS,
        dev.kibitz.games.maze.view.Decorations.titled(row.getLabel() + ": cheese vector x " + coefficient)));
    return o;
  }

  private static JsonObject summary(EvaluateSummary s) {
    JsonObject o = new JsonObject();
    o.addProperty("mazes", s.getMazes());
    o.add("p_cheese_unpatched", distribution(s.getPCheeseUnpatched()));
    o.add("p_cheese_patched", distribution(s.getPCheesePatched()));
    o.add("delta_p_cheese", distribution(s.getDeltaPCheese()));
    o.addProperty("rollouts", s.getRollouts());
    o.addProperty("reached_cheese_unpatched", s.getReachedCheeseUnpatched());
    o.addProperty("reached_cheese_patched", s.getReachedCheesePatched());
    return o;
  }

  private static JsonObject distribution(Distribution d) {
    JsonObject o = new JsonObject();
    o.addProperty("count", d.getCount());
    o.addProperty("mean", d.getMean());
    o.addProperty("median", d.getMedian());
    o.addProperty("q1", d.getQ1());
    o.addProperty("q3", d.getQ3());
    return o;
  }
}

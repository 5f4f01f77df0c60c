package dev.kibitz.orchestrator.mesh;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.kibitz.core.tensor.DType;
import dev.kibitz.games.maze.CheeseRegion;
import dev.kibitz.orchestrator.spec.Params;
import dev.kibitz.orchestrator.step.StepCheck;
import dev.kibitz.orchestrator.step.StepContext;
import dev.kibitz.orchestrator.step.StepType;
import dev.kibitz.probe.service.ProbePlan;
import dev.kibitz.proto.v1.ModelDescription;
import dev.kibitz.proto.v1.TensorSpec;
import dev.kibitz.store.catalog.DatasetKey;
import dev.kibitz.store.catalog.DatasetSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code capture}: runs the model over a generated input set and has the model server write the
 * activations at each hook straight into a new store dataset (one per hook), labelled with the input
 * ids and the game's concepts; the datasets are sealed at the end, which the probe service hears (in a mesh).
 */
public final class CaptureStep implements StepType<CaptureStep.Config> {
  public static final String NAME = "capture";

  /** What to capture. */
  public record Config(String model, String checkpoint, List<String> hooks, MazeSquares inputs) {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "capture hook activations over generated mazes (every free square) into store datasets with concept "
        + "labels; params: model, checkpoint, hooks, game (maze), mazes, first-seed, cheese";
  }

  @Override
  public Config configure(Params p, StepCheck check) {
    String model = p.string("model");
    String checkpoint = p.string("checkpoint", "");
    List<String> hooks = p.strings("hooks", null);
    p.choice("game", "maze", List.of("maze"));
    int mazes = (int) p.integer("mazes", 50, 1, 100_000);
    long firstSeed = p.integer("first-seed", 0, 0, Long.MAX_VALUE / 1_000 - 200_000);
    String cheese = p.choice("cheese", "anywhere", List.of("anywhere", "top-right"));
    check.model("model", model).ifPresent(m -> {
      check.hooks("hooks", m, hooks);
      if (!checkpoint.isEmpty() && !m.checkpoints().contains(checkpoint)) {
        p.problem("checkpoint", "model '" + model + "' has no checkpoint '" + checkpoint + "' (it has "
            + String.join(", ", m.checkpoints()) + ")");
      }
    });
    return new Config(model, checkpoint, hooks, new MazeSquares(firstSeed, mazes, CheeseRegion.parse(cheese)));
  }

  @Override
  public JsonObject run(Config c, StepContext ctx) throws Exception {
    Services services = ctx.service(Services.class);
    ModelDescription d = services.models().describe(c.model());
    String checkpoint = c.checkpoint().isEmpty() ? d.getSummary().getDefaultCheckpoint() : c.checkpoint();
    MazeSquares in = c.inputs();
    String inputSet = "maze-seeds-" + in.firstSeed() + "+" + in.count() + "/" + in.cheese().label() + "/every-square";
    Map<String, DatasetSpec> specs = new LinkedHashMap<>();
    for (String hook : c.hooks()) {
      long[] shape = d.getHookPointsList().stream().filter(h -> h.getName().equals(hook)).findFirst()
          .map(TensorSpec::getShapeList).orElseThrow().stream().mapToLong(Long::longValue).toArray();
      specs.put(hook, new DatasetSpec(ctx.runId() + "." + ctx.step() + "." + hook, new DatasetKey(c.model(),
          checkpoint, hook, inputSet), DType.FLOAT32, shape, MazeSquares.labels(), Map.of(ProbePlan.CONCEPTS,
          String.join(",", MazeSquares.CONCEPTS))));
    }
    long[] rows = {0};
    Map<String, String> datasets = services.capture(c.model(), checkpoint, specs, in.count(), i -> {
      var batch = in.batch(i, true);
      rows[0] += batch.getStatesCount();
      return batch;
    }, ctx);
    JsonObject out = new JsonObject();
    out.addProperty("model", c.model());
    out.addProperty("checkpoint", checkpoint);
    out.addProperty("first_seed", in.firstSeed());
    out.addProperty("mazes", in.count());
    out.addProperty("cheese", in.cheese().label());
    out.addProperty("rows", rows[0]);
    JsonObject ds = new JsonObject();
    datasets.forEach(ds::addProperty);
    out.add("datasets", ds);
    JsonArray concepts = new JsonArray();
    MazeSquares.CONCEPTS.forEach(concepts::add);
    out.add("concepts", concepts);
    return out;
  }
}

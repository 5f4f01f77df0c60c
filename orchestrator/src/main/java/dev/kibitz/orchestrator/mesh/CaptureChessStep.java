package dev.kibitz.orchestrator.mesh;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.kibitz.core.tensor.DType;
import dev.kibitz.games.chess.concepts.Concept;
import dev.kibitz.games.chess.concepts.ConceptLibrary;
import dev.kibitz.games.chess.data.EloLevels;
import dev.kibitz.orchestrator.spec.Params;
import dev.kibitz.orchestrator.step.StepCheck;
import dev.kibitz.orchestrator.step.StepContext;
import dev.kibitz.orchestrator.step.StepType;
import dev.kibitz.probe.service.ProbePlan;
import dev.kibitz.proto.v1.ModelDescription;
import dev.kibitz.proto.v1.TensorSpec;
import dev.kibitz.store.catalog.DatasetKey;
import dev.kibitz.store.catalog.DatasetSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code capture-chess}: a balanced held-out position set ({@link ChessPositions}) run through a chess
 * policy once per conditioning Elo, each hook's activations into a store dataset labelled with the
 * chess concepts and the conditioning ({@code mover_elo}). The datasets ask the probe service for one
 * probe per concept and conditioning value, which is the knowledge-by-skill grid.
 */
public final class CaptureChessStep implements StepType<CaptureChessStep.Config> {
  public static final String NAME = "capture-chess";

  /** What to capture. */
  public record Config(String model, String checkpoint, List<String> hooks, Path data, int perElo, long seed,
      List<Integer> elos, List<String> concepts, boolean probes) {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int version() {
    return 2; // 2: the output names data, positions_per_elo and seed
  }

  @Override
  public String description() {
    return "capture a chess policy's hooks over balanced held-out positions under each conditioning Elo, labelled "
        + "with chess concepts; params: model, checkpoint, hooks, data, positions-per-elo, seed, elos, concepts, "
        + "probes (false: the probe service leaves the datasets alone)";
  }

  @Override
  public Config configure(Params p, StepCheck check) {
    String model = p.string("model", "chess-policy");
    String checkpoint = p.string("checkpoint", "");
    List<String> hooks = p.strings("hooks", null);
    check.model("model", model).ifPresent(m -> {
      check.hooks("hooks", m, hooks);
      if (!checkpoint.isEmpty() && !m.checkpoints().contains(checkpoint)) {
        p.problem("checkpoint", "model '" + model + "' has no checkpoint '" + checkpoint + "' (it has "
            + String.join(", ", m.checkpoints()) + ")");
      }
    });
    Path data = resolve(p.string("data", "data/chess"));
    if (!Files.isDirectory(data)) {
      p.problem("data", "no game shard folder at " + data + " (the chess data ships in data/chess)");
    }
    int perElo = (int) p.integer("positions-per-elo", 100, 1, 100_000);
    List<Integer> levels = new ArrayList<>();
    for (int b = 0; b < EloLevels.COUNT; b++) {
      levels.add(EloLevels.elo(b));
    }
    List<Integer> elos = new ArrayList<>();
    for (double e : p.numbers("elos", levels.stream().map(Integer::doubleValue).toList())) {
      if (!levels.contains((int) e) || e != Math.rint(e)) {
        p.problem("elos", e + " is not an Elo level of the chess policy (" + levels + ")");
      } else if (elos.contains((int) e)) {
        p.problem("elos", (int) e + " is given twice");
      } else {
        elos.add((int) e);
      }
    }
    List<String> known = ConceptLibrary.pure().concepts().stream().map(Concept::name).toList();
    List<String> concepts = p.strings("concepts", known);
    List<String> unknown = concepts.stream().filter(c -> !known.contains(c)).toList();
    if (!unknown.isEmpty()) {
      p.problem("concepts", "unknown chess concepts " + unknown + " (docs/chess-concepts.md lists the " + known.size()
          + " computed from the position)");
    }
    return new Config(model, checkpoint, hooks, data, perElo, p.integer("seed", 0, 0, Long.MAX_VALUE), elos,
        concepts, p.flag("probes", true));
  }

  /** A relative folder is the project's ({@code kibitz.home}, set by the launcher) when not found from here. */
  static Path resolve(String folder) {
    Path p = Path.of(folder);
    String home = System.getProperty("kibitz.home");
    return p.isAbsolute() || Files.isDirectory(p) || home == null ? p : Path.of(home).resolve(p);
  }

  @Override
  public JsonObject run(Config c, StepContext ctx) throws Exception {
    Services services = ctx.service(Services.class);
    ModelDescription d = services.models().describe(c.model());
    String checkpoint = c.checkpoint().isEmpty() ? d.getSummary().getDefaultCheckpoint() : c.checkpoint();
    ctx.progress(0, "labelling " + c.perElo() * EloLevels.COUNT + " held-out positions with " + c.concepts().size()
        + " concepts");
    ConceptLibrary all = ConceptLibrary.pure();
    ChessPositions in = ChessPositions.heldOut(c.data(), c.perElo(), c.seed(), c.elos(),
        c.concepts().stream().map(all::concept).toList());
    String inputSet = "chess-held-out/" + c.perElo() + "-per-elo/seed-" + c.seed() + "/elos-" + c.elos();
    Map<String, DatasetSpec> specs = new LinkedHashMap<>();
    for (String hook : c.hooks()) {
      long[] shape = d.getHookPointsList().stream().filter(h -> h.getName().equals(hook)).findFirst()
          .map(TensorSpec::getShapeList).orElseThrow().stream().mapToLong(Long::longValue).toArray();
      specs.put(hook, new DatasetSpec(ctx.runId() + "." + ctx.step() + "." + hook, new DatasetKey(c.model(),
          checkpoint, hook, inputSet), DType.FLOAT32, shape, in.labels(), !c.probes() ? Map.of()
          : Map.of(ProbePlan.CONCEPTS, String.join(",", c.concepts()), ProbePlan.CONDITIONING,
              ChessPositions.CONDITIONING, ProbePlan.POOLED, "false")));
    }
    Map<String, String> datasets = services.capture(c.model(), checkpoint, specs, in.batches(), in::batch, ctx);
    JsonObject out = new JsonObject();
    out.addProperty("model", c.model());
    out.addProperty("checkpoint", checkpoint);
    out.addProperty("positions", in.positions());
    // what later steps need to draw held-out positions disjoint from these (same seed, skipping them)
    out.addProperty("data", c.data().toString());
    out.addProperty("positions_per_elo", c.perElo());
    out.addProperty("seed", c.seed());
    JsonArray perTrue = new JsonArray();
    for (int n : in.perTrueBucket()) {
      perTrue.add(n);
    }
    out.add("positions_per_true_elo", perTrue);
    JsonArray elos = new JsonArray();
    c.elos().forEach(elos::add);
    out.add("elos", elos);
    out.addProperty("conditioning", ChessPositions.CONDITIONING);
    out.addProperty("rows", (long) in.positions() * c.elos().size());
    JsonObject ds = new JsonObject();
    datasets.forEach(ds::addProperty);
    out.add("datasets", ds);
    JsonArray concepts = new JsonArray();
    c.concepts().forEach(concepts::add);
    out.add("concepts", concepts);
    return out;
  }
}

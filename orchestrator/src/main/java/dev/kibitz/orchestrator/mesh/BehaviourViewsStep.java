package dev.kibitz.orchestrator.mesh;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.kibitz.core.tensor.Logits;
import dev.kibitz.games.chess.Position;
import dev.kibitz.games.chess.agent.ChessExamples;
import dev.kibitz.games.chess.data.EloLevels;
import dev.kibitz.games.chess.encode.MoveVocabulary;
import dev.kibitz.games.maze.CheeseRegion;
import dev.kibitz.games.maze.Maze;
import dev.kibitz.games.maze.MazeSpec;
import dev.kibitz.games.maze.view.Decorations;
import dev.kibitz.games.maze.view.Rollout;
import dev.kibitz.games.maze.view.VectorField;
import dev.kibitz.games.maze.view.VectorFieldRenderer;
import dev.kibitz.modelserver.games.MazeStates;
import dev.kibitz.orchestrator.spec.Params;
import dev.kibitz.orchestrator.step.StepCheck;
import dev.kibitz.orchestrator.step.StepContext;
import dev.kibitz.orchestrator.step.StepType;
import dev.kibitz.probe.report.Heatmap;
import dev.kibitz.steering.model.ModelAccess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code behaviour-views}: what a policy does, drawn. Maze: on held-out mazes, the policy's vector field
 * (net action-probability arrow at every free square) with its greedy rollout, and whether it reached the
 * cheese. Chess: on held-out positions, the probability of each of the moves the policy ranks highest at
 * any conditioned Elo, as a move x Elo heatmap per position, with the recorded and the Stockfish move.
 */
public final class BehaviourViewsStep implements StepType<BehaviourViewsStep.Config> {
  public static final String NAME = "behaviour-views";
  private static final int PIXELS = 22;

  /** What to look at: {@code count} mazes or positions. */
  public record Config(String model, String checkpoint, boolean chess, int count, long seed, String cheese,
      Path data, List<Integer> elos, int top) {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "draw a policy's behaviour: maze vector fields with greedy rollouts, or chess move probabilities by "
        + "conditioned Elo; params: model, checkpoint, game (maze | chess), count, seed, cheese (maze), data, elos, "
        + "top (chess)";
  }

  @Override
  public Config configure(Params p, StepCheck check) {
    String model = p.string("model");
    String checkpoint = p.string("checkpoint", "");
    check.model("model", model);
    boolean chess = p.choice("game", model.startsWith("chess") ? "chess" : "maze", List.of("maze", "chess"))
        .equals("chess");
    List<Integer> elos = new ArrayList<>();
    for (int b = 0; b < EloLevels.COUNT; b++) {
      elos.add(EloLevels.elo(b));
    }
    Path data = CaptureChessStep.resolve(p.string("data", "data/chess"));
    if (chess && !Files.isDirectory(data)) {
      p.problem("data", "no game shard folder at " + data + " (the chess data ships in data/chess)");
    }
    String cheese = p.choice("cheese", "anywhere", List.of("anywhere", "top-right"));
    return new Config(model, checkpoint, chess, (int) p.integer("count", 4, 1, 100),
        p.integer("seed", chess ? 0 : SaeHeldOut.HELD_OUT_SEED, 0, Long.MAX_VALUE), cheese, data, elos,
        (int) p.integer("top", 3, 1, 20));
  }

  @Override
  public JsonObject run(Config c, StepContext ctx) throws Exception {
    ModelAccess models = new ModelAccess(ctx.service(Services.class).models());
    String checkpoint = models.checkpoint(c.model(), c.checkpoint());
    JsonObject out = new JsonObject();
    out.addProperty("model", c.model());
    out.addProperty("checkpoint", checkpoint);
    out.addProperty("game", c.chess() ? "chess" : "maze");
    JsonArray views = new JsonArray();
    JsonArray figures = new JsonArray();
    List<ChessExamples.Example> positions = c.chess() ? positions(c) : List.of();
    for (int i = 0; i < c.count(); i++) {
      ctx.progress((double) i / c.count(), "view " + (i + 1) + " of " + c.count());
      if (c.chess()) {
        chessView(models, c, checkpoint, positions.get(i), views, figures);
      } else {
        mazeView(models, c, checkpoint, c.seed() + i, views, figures);
      }
    }
    out.add("views", views);
    out.add("figures", figures);
    return out;
  }

  private static void mazeView(ModelAccess models, Config c, String checkpoint, long seed, JsonArray views,
      JsonArray figures) {
    Maze maze = MazeSpec.Seeded.of(seed, CheeseRegion.parse(c.cheese())).build();
    VectorField field = VectorField.compute(maze, (m, mice) -> models.actionProbabilities(c.model(), checkpoint,
        List.of(), mice.stream().map(sq -> MazeStates.toProto(m, sq)).toList()));
    Rollout rollout = Rollout.greedy(field);
    String title = c.model() + " " + checkpoint + ", maze " + seed;
    figures.add(Figures.of(title, VectorFieldRenderer.svg(field, PIXELS, Decorations.titled(title)
        .withRollout(rollout))));
    JsonObject v = new JsonObject();
    v.addProperty("maze_seed", seed);
    v.addProperty("size", maze.size());
    v.addProperty("reached_cheese", rollout.reachedCheese());
    v.addProperty("reached_top_right", rollout.reachedTopRight());
    v.addProperty("steps", rollout.steps());
    views.add(v);
  }

  /** {@code count} held-out positions, their true mover Elo levels taken in turn (lowest first). */
  private static List<ChessExamples.Example> positions(Config c) throws java.io.IOException {
    int perLevel = (c.count() + EloLevels.COUNT - 1) / EloLevels.COUNT;
    List<ChessExamples.Example> byLevel = ChessPositions.heldOut(c.data(), perLevel, c.seed(), c.elos(), List.of())
        .examples();
    List<ChessExamples.Example> out = new ArrayList<>();
    for (int i = 0; i < c.count(); i++) {
      out.add(byLevel.get((i % EloLevels.COUNT) * perLevel + i / EloLevels.COUNT));
    }
    return out;
  }

  private static void chessView(ModelAccess models, Config c, String checkpoint, ChessExamples.Example e,
      JsonArray views, JsonArray figures) {
    Position p = Position.fromFen(e.fen());
    List<dev.kibitz.proto.v1.GameState> states = new ArrayList<>();
    for (int elo : c.elos()) {
      states.add(ChessPositions.statesAt(List.of(e), elo).get(0));
    }
    float[][] probabilities = models.actionProbabilities(c.model(), checkpoint, List.of(), states);
    Set<Integer> moves = new LinkedHashSet<>();
    for (float[] row : probabilities) {
      Logits.topK(row, c.top()).forEach(moves::add);
    }
    List<String> rows = new ArrayList<>();
    double[][] values = new double[moves.size()][c.elos().size()];
    int r = 0;
    for (int move : moves) {
      rows.add(MoveVocabulary.toMove(move, p).uci());
      for (int j = 0; j < c.elos().size(); j++) {
        values[r][j] = probabilities[j][move];
      }
      r++;
    }
    String played = MoveVocabulary.toMove(e.move(), p).uci();
    String best = MoveVocabulary.toMove(e.best(), p).uci();
    String title = "P(move) by conditioned Elo; played " + played + " at " + e.moverElo() + ", Stockfish " + best;
    figures.add(Figures.of(e.fen(), new Heatmap(title, rows, c.elos().stream().map(String::valueOf).toList(), values,
        0, 1).svg()));
    JsonObject v = new JsonObject();
    v.addProperty("fen", e.fen());
    v.addProperty("true_mover_elo", e.moverElo());
    v.addProperty("played", played);
    v.addProperty("stockfish_best", best);
    JsonArray top = new JsonArray();
    for (int j = 0; j < c.elos().size(); j++) {
      int m = Logits.argmax(probabilities[j]);
      JsonObject t = new JsonObject();
      t.addProperty("elo", c.elos().get(j));
      t.addProperty("move", MoveVocabulary.toMove(m, p).uci());
      t.addProperty("probability", probabilities[j][m]);
      top.add(t);
    }
    v.add("top_move_by_elo", top);
    views.add(v);
  }
}

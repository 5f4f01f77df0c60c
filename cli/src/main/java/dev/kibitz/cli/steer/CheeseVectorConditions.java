package dev.kibitz.cli.steer;

import dev.kibitz.games.maze.CheeseRegion;
import dev.kibitz.games.maze.Maze;
import dev.kibitz.games.maze.MazeSpec;
import dev.kibitz.games.maze.PathFinder;
import dev.kibitz.games.maze.agent.TrainingConfig;
import dev.kibitz.modelserver.games.MazeStates;
import dev.kibitz.proto.v1.AddVector;
import dev.kibitz.proto.v1.Application;
import dev.kibitz.proto.v1.EvaluateRequest;
import dev.kibitz.proto.v1.MazeCase;
import dev.kibitz.proto.v1.MazeState;
import dev.kibitz.proto.v1.PerMazeCheeseVector;
import dev.kibitz.proto.v1.RandomMatched;
import java.util.ArrayList;
import java.util.List;

/**
 * The cheese-vector experiment's conditions, each one Evaluate request: the per-maze cheese vector
 * with the coefficient, with its negation, a matched-norm random vector, and transfer (maze A's
 * vector in maze B with B's cheese moved to A's cheese square, or left where it is).
 */
final class CheeseVectorConditions {
  private CheeseVectorConditions() {}

  /** Held-out mazes (cheese anywhere) of seeds base+0 .. base+count-1 that have a decision square. */
  static List<Maze> mazes(int count) {
    List<Maze> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Maze m = MazeSpec.Seeded.of(TrainingConfig.HELD_OUT_SEED_BASE + i, CheeseRegion.ANYWHERE).build();
      if (new PathFinder(m).decisionSquare().isPresent()) {
        out.add(m);
      }
    }
    return out;
  }

  static List<Condition> all(List<Maze> mazes, String model, String checkpoint, String hook, float coefficient,
      long randomSeed) {
    List<MazeCase> own = mazes.stream().map(m -> MazeCase.newBuilder().setMaze(state(m)).setLabel(label(m)).build())
        .toList();
    List<MazeCase> sameSpot = new ArrayList<>();
    List<MazeCase> otherSpot = new ArrayList<>();
    for (int i = 0; i < mazes.size(); i++) {
      Maze a = mazes.get(i);
      // B: the next maze (cyclically) where A's cheese square is free, not the start, and still leaves a
      // decision square; the same B serves both transfer conditions, so they differ only in B's cheese.
      for (int k = 1; k < mazes.size(); k++) {
        Maze b = mazes.get((i + k) % mazes.size());
        if (b.isWall(a.cheese()) || a.cheese().equals(b.mouseStart()) || a.cheese().equals(b.cheese())) {
          continue;
        }
        Maze moved = b.withCheese(a.cheese());
        if (new PathFinder(moved).decisionSquare().isEmpty()) {
          continue;
        }
        String pair = label(a) + " -> " + label(b);
        sameSpot.add(MazeCase.newBuilder().setMaze(state(moved)).setSource(state(a)).setLabel(pair).build());
        otherSpot.add(MazeCase.newBuilder().setMaze(state(b)).setSource(state(a)).setLabel(pair).build());
        break;
      }
    }
    AddVector.Builder cheese = AddVector.newBuilder().setPerMazeCheese(PerMazeCheeseVector.getDefaultInstance());
    String c = String.valueOf(coefficient);
    String minusC = String.valueOf(-coefficient);
    return List.of(
        condition("cheese", "each maze's own cheese vector x " + c, model, checkpoint, hook, own,
            cheese.clone().setCoefficient(coefficient)),
        condition("cheese_negated", "each maze's own cheese vector x " + minusC, model, checkpoint, hook, own,
            cheese.clone().setCoefficient(-coefficient)),
        condition("random_matched", "a Gaussian vector (seed " + randomSeed + " + maze index) with the norm of the "
            + "maze's cheese vector x " + c, model, checkpoint, hook, own, AddVector.newBuilder()
            .setRandomMatched(RandomMatched.newBuilder().setSeed(randomSeed)).setCoefficient(coefficient)),
        condition("transfer_same_location", "maze A's cheese vector x " + c + " in maze B "
            + "with B's cheese moved to A's cheese square", model, checkpoint, hook, sameSpot,
            cheese.clone().setCoefficient(coefficient)),
        condition("transfer_other_location", "maze A's cheese vector x " + c + " in maze B with its own cheese "
            + "elsewhere", model, checkpoint, hook, otherSpot, cheese.clone().setCoefficient(coefficient)));
  }

  private static Condition condition(String key, String description, String model, String checkpoint, String hook,
      List<MazeCase> cases, AddVector.Builder add) {
    return new Condition(key, description, EvaluateRequest.newBuilder().setModel(model).setCheckpoint(checkpoint)
        .addAllCases(cases).setApplication(Application.newBuilder().setHook(hook).setAdd(add)).build());
  }

  static MazeState state(Maze m) {
    return MazeStates.toProto(m, m.mouseStart()).getMaze().toBuilder().clearMouse().build();
  }

  static String label(Maze m) {
    return m.origin() != null ? "seed " + m.origin().seed() : "grid";
  }
}

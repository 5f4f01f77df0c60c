package dev.kibitz.cli.steer;

import dev.kibitz.games.maze.CheeseRegion;
import dev.kibitz.games.maze.Maze;
import dev.kibitz.games.maze.MazeSpec;
import dev.kibitz.games.maze.agent.TrainingConfig;
import dev.kibitz.proto.v1.Application;
import dev.kibitz.proto.v1.EvaluateRequest;
import dev.kibitz.proto.v1.MazeCase;
import dev.kibitz.proto.v1.ResampleChannels;
import java.util.ArrayList;
import java.util.List;

/**
 * The resampling 2x2: the cheese channels or as many control channels, taken from another maze
 * whose cheese sits on the same square as this maze's, or elsewhere. Both location conditions use
 * the same other maze A (A with its cheese moved onto B's cheese square, or A as generated), so
 * they differ only in where A's cheese is.
 */
final class ResampleConditions {
  private ResampleConditions() {}

  /** Keys in table order: channels (cheese, control) x location (same, other). */
  static final List<String> KEYS = List.of("cheese_same_location", "cheese_other_location",
      "control_same_location", "control_other_location");

  /** Pairs (B, A) over held-out seeds 0..mazes-1 (cheese anywhere); B without a usable A is left out. */
  static List<MazeCase[]> pairs(int mazes) {
    List<Maze> all = new ArrayList<>();
    for (int i = 0; i < mazes; i++) {
      all.add(MazeSpec.Seeded.of(TrainingConfig.HELD_OUT_SEED_BASE + i, CheeseRegion.ANYWHERE).build());
    }
    List<MazeCase[]> out = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      Maze b = all.get(i);
      for (int k = 1; k < all.size(); k++) {
        Maze a = all.get((i + k) % all.size());
        if (a.isWall(b.cheese()) || b.cheese().equals(a.mouseStart()) || b.cheese().equals(a.cheese())) {
          continue;
        }
        String label = CheeseVectorConditions.label(b) + " <- " + CheeseVectorConditions.label(a);
        MazeCase.Builder c = MazeCase.newBuilder().setMaze(CheeseVectorConditions.state(b)).setLabel(label);
        out.add(new MazeCase[] {c.clone().setSource(CheeseVectorConditions.state(a.withCheese(b.cheese()))).build(),
            c.clone().setSource(CheeseVectorConditions.state(a)).build()});
        break;
      }
    }
    return out;
  }

  static List<Condition> all(List<MazeCase[]> pairs, String model, String checkpoint, String hook,
      CheeseChannels.Chosen chosen) {
    List<MazeCase> same = pairs.stream().map(p -> p[0]).toList();
    List<MazeCase> other = pairs.stream().map(p -> p[1]).toList();
    return List.of(
        condition(KEYS.get(0), "cheese channels " + chosen.top() + " from A with its cheese on B's cheese square",
            chosen.top(), same, model, checkpoint, hook),
        condition(KEYS.get(1), "cheese channels " + chosen.top() + " from A with its own cheese elsewhere",
            chosen.top(), other, model, checkpoint, hook),
        condition(KEYS.get(2), "control channels " + chosen.control() + " from A with its cheese on B's cheese "
            + "square", chosen.control(), same, model, checkpoint, hook),
        condition(KEYS.get(3), "control channels " + chosen.control() + " from A with its own cheese elsewhere",
            chosen.control(), other, model, checkpoint, hook));
  }

  private static Condition condition(String key, String description, List<Integer> channels, List<MazeCase> cases,
      String model, String checkpoint, String hook) {
    return new Condition(key, description, EvaluateRequest.newBuilder().setModel(model).setCheckpoint(checkpoint)
        .addAllCases(cases).setApplication(Application.newBuilder().setHook(hook)
            .setResample(ResampleChannels.newBuilder().addAllChannels(channels))).build());
  }
}

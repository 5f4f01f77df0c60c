package dev.kibitz.cli.steer;

import dev.kibitz.games.maze.CheeseRegion;
import dev.kibitz.games.maze.Maze;
import dev.kibitz.games.maze.MazeRegion;
import dev.kibitz.games.maze.MazeSpec;
import dev.kibitz.games.maze.Square;
import dev.kibitz.games.maze.agent.TrainingConfig;
import dev.kibitz.proto.v1.Ablate;
import dev.kibitz.proto.v1.AblateChannels;
import dev.kibitz.proto.v1.Application;
import dev.kibitz.proto.v1.EvaluateRequest;
import dev.kibitz.proto.v1.MazeCase;
import dev.kibitz.proto.v1.Position;
import dev.kibitz.proto.v1.ResampleChannels;
import dev.kibitz.proto.v1.RetargetChannels;
import java.util.ArrayList;
import java.util.List;

/**
 * The cheese-channel experiment's conditions: zero-ablating channels (at decision squares) and
 * retargeting (setting channels at a target's hook cell, then walking greedily), each for the top
 * channel alone, the top k together, and k control channels.
 */
final class CheeseChannelConditions {
  /** Retargeting needs room for nine regions: mazes of at least this side. */
  static final int RETARGET_MIN_SIZE = 9;

  private CheeseChannelConditions() {}

  static List<Condition> ablations(List<Maze> mazes, String model, String checkpoint, String hook,
      CheeseChannels.Chosen chosen) {
    List<MazeCase> cases = mazes.stream().map(m -> MazeCase.newBuilder().setMaze(CheeseVectorConditions.state(m))
        .setLabel(CheeseVectorConditions.label(m)).build()).toList();
    return List.of(
        ablation("ablate_top1", "zero channel " + chosen.top().get(0), chosen.top().subList(0, 1), model, checkpoint,
            hook, cases),
        ablation("ablate_top" + chosen.top().size(), "zero channels " + chosen.top(), chosen.top(), model, checkpoint,
            hook, cases),
        ablation("ablate_control" + chosen.control().size(), "zero random non-top channels " + chosen.control(),
            chosen.control(), model, checkpoint, hook, cases));
  }

  /** Held-out mazes (cheese anywhere) of side >= 9 from seeds base+0 upward, each with a target per region. */
  static List<MazeCase> retargetCases(int mazes) {
    List<MazeCase> cases = new ArrayList<>();
    int found = 0;
    for (long seed = TrainingConfig.HELD_OUT_SEED_BASE; found < mazes; seed++) {
      Maze m = MazeSpec.Seeded.of(seed, CheeseRegion.ANYWHERE).build();
      if (m.size() < RETARGET_MIN_SIZE) {
        continue;
      }
      found++;
      for (MazeRegion region : MazeRegion.values()) {
        // The source (the same maze with its cheese on the target) is what relocation resamples from.
        region.target(m).ifPresent(t -> cases.add(MazeCase.newBuilder().setMaze(CheeseVectorConditions.state(m))
            .setSource(CheeseVectorConditions.state(m.withCheese(t))).setTarget(position(t))
            .setLabel(CheeseVectorConditions.label(m) + " " + region.label()).build()));
      }
    }
    return cases;
  }

  static List<Condition> retargets(List<MazeCase> cases, String model, String checkpoint, String hook,
      CheeseChannels.Chosen chosen, float value) {
    return List.of(
        retarget(retargetKey("top1", value), chosen.top().subList(0, 1), value, model, checkpoint, hook, cases),
        retarget(retargetKey("top" + chosen.top().size(), value), chosen.top(), value, model, checkpoint, hook, cases),
        retarget(retargetKey("control" + chosen.control().size(), value), chosen.control(), value, model, checkpoint,
            hook, cases));
  }

  /** The key of a retargeting condition: which channels, at which value. */
  static String retargetKey(String channels, float value) {
    return "retarget_" + channels + "_at_" + value;
  }

  /**
   * Relocating the cheese in the channels only: each channel set takes its activations from the same
   * maze with the cheese on the target square; every channel together is the upper bound.
   */
  static List<Condition> relocations(List<MazeCase> cases, String model, String checkpoint, String hook,
      CheeseChannels.Chosen chosen) {
    List<Integer> all = chosen.ranking().getChannelsList().stream().map(c -> c.getChannel()).sorted().toList();
    return List.of(
        relocation("relocate_top" + chosen.top().size(), chosen.top(), model, checkpoint, hook, cases),
        relocation("relocate_control" + chosen.control().size(), chosen.control(), model, checkpoint, hook, cases),
        relocation("relocate_all", all, model, checkpoint, hook, cases));
  }

  private static Condition relocation(String key, List<Integer> channels, String model, String checkpoint,
      String hook, List<MazeCase> cases) {
    return new Condition(key, "channels " + (channels.size() > 8 ? "(all " + channels.size() + ")" : channels)
        + " from the same maze with its cheese on the target square", EvaluateRequest.newBuilder().setModel(model)
        .setCheckpoint(checkpoint).addAllCases(cases).setApplication(Application.newBuilder().setHook(hook)
            .setResample(ResampleChannels.newBuilder().addAllChannels(channels).setAtEachSquare(true))).build());
  }

  /** The region a retarget row's target lies in (its label ends with the region). */
  static MazeRegion region(String label) {
    return MazeRegion.valueOf(label.substring(label.lastIndexOf(' ') + 1).toUpperCase().replace('-', '_'));
  }

  private static Condition ablation(String key, String description, List<Integer> channels, String model,
      String checkpoint, String hook, List<MazeCase> cases) {
    return new Condition(key, description, EvaluateRequest.newBuilder().setModel(model).setCheckpoint(checkpoint)
        .addAllCases(cases).setApplication(Application.newBuilder().setHook(hook).setAblate(
            AblateChannels.newBuilder().addAllChannels(channels).setMode(Ablate.Mode.MODE_ZERO))).build());
  }

  private static Condition retarget(String key, List<Integer> channels, float value, String model, String checkpoint,
      String hook, List<MazeCase> cases) {
    return new Condition(key, "set channels " + channels + " to " + value + " at the target's hook cell",
        EvaluateRequest.newBuilder().setModel(model).setCheckpoint(checkpoint).addAllCases(cases)
            .setApplication(Application.newBuilder().setHook(hook).setRetarget(
                RetargetChannels.newBuilder().addAllChannels(channels).setValue(value))).build());
  }

  static Position position(Square s) {
    return Position.newBuilder().setRow(s.row()).setCol(s.col()).build();
  }
}

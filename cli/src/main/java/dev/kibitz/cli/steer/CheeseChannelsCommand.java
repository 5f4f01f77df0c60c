package dev.kibitz.cli.steer;

import dev.kibitz.games.maze.agent.ShippedAgent;
import dev.kibitz.proto.v1.MazeCase;
import dev.kibitz.steering.LocalSteeringStack;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code kibitz steer cheese-channels}: ranks the hook's channels by how well they track the cheese,
 * zero-ablates the top ones, and retargets the agent by setting them at a chosen square's hook
 * cell; each against as many random other channels. Writes report.json, report.md and figures.
 */
@Command(name = "cheese-channels", mixinStandardHelpOptions = true,
    description = "Find the channels that track the cheese, ablate them, and retarget the mouse with them.")
public final class CheeseChannelsCommand implements Callable<Integer> {
  @Mixin
  ChannelChoiceOptions channels;

  @Option(names = "--mazes", defaultValue = "100",
      description = "ablation: held-out seeds 0..N-1 with a decision square (default: ${DEFAULT-VALUE})")
  int mazes;

  @Option(names = "--retarget-mazes", defaultValue = "30",
      description = "retargeting: held-out mazes of side >= 9, a target per region each (default: ${DEFAULT-VALUE})")
  int retargetMazes;

  @Option(names = "--values", split = ",",
      description = "activations set at the target cell, one retargeting run each (default: --value-scales x the "
          + "top channel's largest activation over the ranking mazes)")
  List<Float> values;

  @Option(names = "--value-scales", split = ",", defaultValue = "1,3,10", description = "default: ${DEFAULT-VALUE}")
  List<Float> valueScales;

  @Option(names = "--figures", defaultValue = "3", description = "retargeted mazes drawn (default: ${DEFAULT-VALUE})")
  int figures;

  @Option(names = "--out", defaultValue = "steer-cheese-channels",
      description = "output folder (default: ${DEFAULT-VALUE})")
  Path out;

  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    CheeseChannelsReport report;
    try (LocalSteeringStack services = new LocalSteeringStack()) {
      CheeseChannels.Chosen chosen = channels.choose(services);
      String hook = channels.hook;
      String checkpoint = channels.checkpoint;
      double largest = CheeseChannels.score(chosen.ranking(), chosen.top().get(0)).getMaxActivation();
      List<Float> set = values != null && !values.isEmpty() ? values
          : valueScales.stream().map(k -> (float) (Math.round(k * largest * 100) / 100.0)).toList();
      List<MazeCase> targets = CheeseChannelConditions.retargetCases(retargetMazes);
      List<Condition> conditions = new ArrayList<>(CheeseChannelConditions.ablations(
          CheeseVectorConditions.mazes(mazes), ShippedAgent.NAME, checkpoint, hook, chosen));
      for (float v : set) {
        conditions.addAll(CheeseChannelConditions.retargets(targets, ShippedAgent.NAME, checkpoint, hook, chosen, v));
      }
      conditions.addAll(CheeseChannelConditions.relocations(targets, ShippedAgent.NAME, checkpoint, hook, chosen));
      // drawn: the top channels together at the middle value
      String drawnKey = CheeseChannelConditions.retargetKey("top" + chosen.top().size(), set.get(set.size() / 2));
      int regions = dev.kibitz.games.maze.MazeRegion.values().length;
      ConditionRunner.Ran ran = ConditionRunner.run(services, "cheese channels", conditions,
          (c, row) -> c.key().equals(drawnKey) && row.getCaseIndex() < (long) figures * regions);
      report = new CheeseChannelsReport(hook, chosen, set, drawnKey, mazes, retargetMazes, conditions, ran,
          (System.nanoTime() - start) / 1e9);
    }
    report.write(out);
    System.out.println(report.table());
    System.out.println("wrote " + out.resolve("report.json") + ", report.md and figures");
    return 0;
  }
}

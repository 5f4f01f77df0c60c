package dev.kibitz.cli.steer;

import dev.kibitz.games.maze.agent.ShippedAgent;
import dev.kibitz.proto.v1.MazeCase;
import dev.kibitz.steering.LocalSteeringStack;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code kibitz steer resample}: the resampling 2x2 (cheese vs control channels, from a maze with the
 * cheese on the same square vs elsewhere); writes report.json, report.md and the table as a figure.
 */
@Command(name = "resample", mixinStandardHelpOptions = true,
    description = "Resample the cheese channels (and as many control channels) from mazes with the cheese on the "
        + "same square or elsewhere, and measure how much the policy moves.")
public final class ResampleCommand implements Callable<Integer> {
  @Mixin
  ChannelChoiceOptions channels;

  @Option(names = "--mazes", defaultValue = "100",
      description = "held-out seeds 0..N-1, cheese anywhere (default: ${DEFAULT-VALUE})")
  int mazes;

  @Option(names = "--out", defaultValue = "steer-resample", description = "output folder (default: ${DEFAULT-VALUE})")
  Path out;

  @Override
  public Integer call() throws Exception {
    if (mazes < 2) {
      throw new IllegalArgumentException("--mazes must be at least 2 (each maze needs another to resample from), got "
          + mazes);
    }
    long start = System.nanoTime();
    ResampleReport report;
    try (LocalSteeringStack services = new LocalSteeringStack()) {
      CheeseChannels.Chosen chosen = channels.choose(services);
      List<MazeCase[]> pairs = ResampleConditions.pairs(mazes);
      List<Condition> conditions = ResampleConditions.all(pairs, ShippedAgent.NAME, channels.checkpoint,
          channels.hook, chosen);
      ConditionRunner.Ran ran = ConditionRunner.run(services, "resample", conditions, (c, row) -> false);
      report = new ResampleReport(channels.hook, chosen, mazes, conditions, ran.results(),
          (System.nanoTime() - start) / 1e9);
    }
    report.write(out);
    System.out.println(report.table());
    System.out.println("wrote " + out.resolve("report.json") + ", report.md and resample-2x2.png/.svg");
    return 0;
  }
}

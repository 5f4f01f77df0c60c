package dev.kibitz.cli.steer;

import dev.kibitz.games.maze.Maze;
import dev.kibitz.games.maze.agent.ShippedAgent;
import dev.kibitz.proto.v1.EvaluateResult;
import dev.kibitz.proto.v1.MazeRow;
import dev.kibitz.steering.LocalSteeringStack;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kibitz steer cheese-vector}: the cheese-vector experiment on held-out mazes, run through
 * a model server and a steering service started in this JVM; writes report.json, report.md and
 * vector-field diff figures, and prints the table.
 */
@Command(name = "cheese-vector", mixinStandardHelpOptions = true,
    description = "Subtract each maze's cheese vector (and add it, a matched random control, and transfer between "
        + "mazes) and measure P(action toward cheese) at the decision square.")
public final class CheeseVectorCommand implements Callable<Integer> {
  @Option(names = "--mazes", defaultValue = "100",
      description = "held-out seeds 0..N-1 (cheese anywhere); those with a decision square are used (default: "
          + "${DEFAULT-VALUE})")
  int mazes;

  @Option(names = "--hook", defaultValue = "stages.1.res.1.resid_out", description = "default: ${DEFAULT-VALUE}")
  String hook;

  @Option(names = "--coefficient", defaultValue = "-1", description = "default: ${DEFAULT-VALUE} (subtract)")
  float coefficient;

  @Option(names = "--checkpoint", defaultValue = "", description = "maze-agent checkpoint (default: its default)")
  String checkpoint;

  @Option(names = "--random-seed", defaultValue = "0", description = "seed of the random control (default: 0)")
  long randomSeed;

  @Option(names = "--figures", defaultValue = "4", description = "mazes drawn as vector-field diffs (default: 4)")
  int figures;

  @Option(names = "--out", defaultValue = "steer-cheese-vector", description = "output folder (default: ${DEFAULT-VALUE})")
  Path out;

  @Override
  public Integer call() throws Exception {
    List<Maze> used = CheeseVectorConditions.mazes(mazes);
    List<Condition> conditions = CheeseVectorConditions.all(used, ShippedAgent.NAME, checkpoint, hook, coefficient,
        randomSeed);
    long start = System.nanoTime();
    ConditionRunner.Ran ran;
    try (LocalSteeringStack services = new LocalSteeringStack()) {
      int[] drawn = {0};
      ran = ConditionRunner.run(services, "cheese vector", conditions,
          (c, row) -> c.key().equals("cheese") && drawn[0]++ < figures);
    }
    Map<String, EvaluateResult> results = ran.results();
    List<MazeRow> drawn = ran.kept();
    double seconds = (System.nanoTime() - start) / 1e9;
    CheeseVectorReport report = new CheeseVectorReport(mazes, used.size(), hook, coefficient, randomSeed, conditions,
        results, seconds);
    report.write(out, drawn, conditions.get(0).request());
    System.out.println(report.table());
    System.out.println("wrote " + out.resolve("report.json") + ", report.md and " + drawn.size() + " figure pairs");
    return 0;
  }
}

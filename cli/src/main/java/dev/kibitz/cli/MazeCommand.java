package dev.kibitz.cli;

import com.google.gson.GsonBuilder;
import dev.kibitz.core.progress.ProgressBar;
import dev.kibitz.games.maze.agent.MazeAgentTrainer;
import dev.kibitz.games.maze.agent.TrainingConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kibitz maze ...}: the maze world and its agent. */
@Command(name = "maze", mixinStandardHelpOptions = true, description = "Maze world and the maze-solving agent.",
    subcommands = {MazeCommand.Train.class, MazeEvaluate.class, MazeViews.RolloutCommand.class,
        MazeViews.FieldCommand.class, MazeTrajectoryCommand.class})
final class MazeCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Where the shipped agent lives in the source tree (the launcher passes kibitz.home). */
  static Path shippedAgentDir() {
    return Path.of(System.getProperty("kibitz.home", "."))
        .resolve("games/src/main/resources/dev/kibitz/games/zoo/maze-agent");
  }

  @Command(name = "train", mixinStandardHelpOptions = true,
      description = "Train the maze agent by behavioural cloning (cheese only in the top-right region) and write "
          + "its checkpoints, config.json and training-log.json (default: over the shipped agent).")
  static final class Train implements Callable<Integer> {
    @Option(names = "--steps", defaultValue = "40000", description = "optimizer steps (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--out", description = "output directory (default: the shipped agent's resource directory)")
    Path out;

    @Override
    public Integer call() throws Exception {
      Path dir = out != null ? out : shippedAgentDir();
      TrainingConfig config = TrainingConfig.standard(steps);
      Files.createDirectories(dir);
      try (var stale = Files.list(dir)) {
        for (Path p : stale.filter(p -> p.getFileName().toString().startsWith("step-")).toList()) {
          Files.delete(p);
        }
      }
      ProgressBar bar = new ProgressBar("maze train", steps);
      double[] recent = {0};
      List<MazeAgentTrainer.Saved> saved = new MazeAgentTrainer(config).train(dir, (step, loss) -> {
        recent[0] = step == 1 ? loss : 0.98 * recent[0] + 0.02 * loss;
        bar.update(step, String.format("loss %.3f", recent[0]));
      });
      var gson = new GsonBuilder().setPrettyPrinting().create();
      Files.writeString(dir.resolve("config.json"), gson.toJson(config) + "\n");
      List<java.util.Map<String, Object>> log = new java.util.ArrayList<>();
      for (MazeAgentTrainer.Saved s : saved) {
        java.util.Map<String, Object> row = new java.util.LinkedHashMap<>();
        row.put("step", s.step());
        row.put("file", s.file().getFileName().toString());
        row.put("mean_loss_since_previous", Double.isNaN(s.meanLoss()) ? null : s.meanLoss());
        log.add(row);
      }
      Files.writeString(dir.resolve("training-log.json"), gson.toJson(log) + "\n");
      System.out.println("wrote " + saved.size() + " checkpoints to " + dir);
      MazeEvaluate.evaluateInto(dir);
      return 0;
    }
  }
}

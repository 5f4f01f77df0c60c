package dev.kibitz.cli;

import com.google.gson.GsonBuilder;
import dev.kibitz.core.progress.ProgressBar;
import dev.kibitz.games.maze.agent.MazeAgentTrainer;
import dev.kibitz.games.maze.agent.TrainingConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
          + "its checkpoints, config.json and training-log.json (default: over the shipped agent), then evaluate it.")
  static final class Train implements Callable<Integer> {
    @Option(names = "--out", description = "output directory (default: the shipped agent's resource directory)")
    Path out;

    @Option(names = "--resume", description = "continue the run in the output directory from its resume state "
        + "(saved every few thousand steps) or its latest phase-end checkpoint, instead of starting over")
    boolean resume;

    @Override
    public Integer call() throws Exception {
      Path dir = out != null ? out : shippedAgentDir();
      TrainingConfig config = TrainingConfig.standard();
      Files.createDirectories(dir);
      var gson = new GsonBuilder().setPrettyPrinting().create();
      TreeMap<Integer, Map<String, Object>> log = new TreeMap<>();
      Path logFile = dir.resolve("training-log.json");
      if (resume && Files.exists(logFile)) {
        for (JsonElement e : JsonParser.parseString(Files.readString(logFile)).getAsJsonArray()) {
          Map<String, Object> row = new LinkedHashMap<>();
          e.getAsJsonObject().entrySet().forEach(kv -> row.put(kv.getKey(), kv.getValue()));
          log.put(e.getAsJsonObject().get("step").getAsInt(), row);
        }
      } else {
        try (var stale = Files.list(dir)) {
          for (Path p : stale.filter(p -> p.getFileName().toString().startsWith("step-")
              || p.getFileName().toString().startsWith("resume.")).toList()) {
            Files.delete(p);
          }
        }
      }
      Files.writeString(dir.resolve("config.json"), gson.toJson(config) + "\n");
      ProgressBar bar = new ProgressBar("maze train", config.steps());
      double[] recent = {Double.NaN};
      new MazeAgentTrainer(config).train(dir, resume, new MazeAgentTrainer.Progress() {
        @Override
        public void stepDone(int step, double loss) {
          recent[0] = Double.isNaN(recent[0]) ? loss : 0.98 * recent[0] + 0.02 * loss;
          bar.update(step, String.format("loss %.3f", recent[0]));
        }

        @Override
        public void checkpointSaved(MazeAgentTrainer.Saved s) {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("step", s.step());
          row.put("file", s.file().getFileName().toString());
          row.put("mean_loss_since_previous", Double.isNaN(s.meanLoss()) ? null : s.meanLoss());
          log.put(s.step(), row);
          log.tailMap(s.step(), false).clear(); // rows of an abandoned later attempt
          try {
            Files.writeString(logFile, gson.toJson(List.copyOf(log.values())) + "\n");
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }
      });
      System.out.println("trained to step " + config.steps() + " in " + dir);
      MazeEvaluate.evaluateInto(dir);
      return 0;
    }
  }
}

package dev.kibitz.cli;

import ai.djl.Device;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import dev.kibitz.core.model.HookedModel;
import dev.kibitz.core.progress.ProgressBar;
import dev.kibitz.games.maze.agent.AgentEvaluation;
import dev.kibitz.games.maze.agent.DecisionSquareRegression;
import dev.kibitz.games.maze.agent.ModelCard;
import dev.kibitz.games.maze.agent.ModelMazePolicy;
import dev.kibitz.games.maze.agent.ShippedAgent;
import dev.kibitz.games.maze.agent.TrainingConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kibitz maze evaluate}: measures a trained agent and (re)writes its model card and metrics. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Measure the trained maze agent's final checkpoint (action accuracy, rollouts with cheese in the "
        + "training region vs anywhere) and write MODEL_CARD.md and metrics.json beside it.")
final class MazeEvaluate implements Callable<Integer> {
  static final int POSITIONS = 2000;
  static final int MAZES = 400;
  static final int REGRESSION_MAZES = 400;
  static final double REGRESSION_L2 = 1.0;

  @Option(names = "--dir", description = "training output directory (default: the shipped agent's)")
  Path dir;

  @Override
  public Integer call() throws Exception {
    evaluateInto(dir != null ? dir : MazeCommand.shippedAgentDir());
    return 0;
  }

  static void evaluateInto(Path dir) throws Exception {
    Gson gson = new GsonBuilder().setPrettyPrinting().create();
    TrainingConfig config = gson.fromJson(Files.readString(dir.resolve("config.json")), TrainingConfig.class);
    List<ModelCard.CheckpointRow> rows = new ArrayList<>();
    for (JsonElement e : JsonParser.parseString(Files.readString(dir.resolve("training-log.json"))).getAsJsonArray()) {
      JsonElement loss = e.getAsJsonObject().get("mean_loss_since_previous");
      rows.add(new ModelCard.CheckpointRow(e.getAsJsonObject().get("step").getAsInt(),
          loss == null || loss.isJsonNull() ? null : loss.getAsDouble()));
    }
    String last = ShippedAgent.checkpointName(rows.get(rows.size() - 1).step());
    try (HookedModel model = ShippedAgent.loadFrom(dir, last, Device.cpu())) {
      ProgressBar bar = new ProgressBar("maze evaluate", 4L * MAZES);
      Map<String, Object> metrics = new AgentEvaluation(ModelMazePolicy.plain(model), config)
          .measure(POSITIONS, MAZES, bar::update);
      ProgressBar regressionBar = new ProgressBar("decision-square regression", 2L * REGRESSION_MAZES);
      metrics.put("decision_square_regression", new DecisionSquareRegression(ModelMazePolicy.plain(model), config)
          .run(REGRESSION_MAZES, REGRESSION_MAZES, REGRESSION_L2, regressionBar::update));
      Files.writeString(dir.resolve("metrics.json"), gson.toJson(metrics) + "\n");
      Files.writeString(dir.resolve("MODEL_CARD.md"),
          ModelCard.render(config, rows, model.hookPoints(), metrics, POSITIONS, MAZES));
      System.out.println(gson.toJson(metrics));
    }
  }
}

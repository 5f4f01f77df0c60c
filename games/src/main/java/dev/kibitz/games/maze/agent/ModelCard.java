package dev.kibitz.games.maze.agent;

import dev.kibitz.core.tensor.TensorSpec;
import java.util.List;
import java.util.Map;

/** Writes the maze agent's MODEL_CARD.md from its config, training log and measured behaviour. */
public final class ModelCard {
  private ModelCard() {}

  /** One checkpoint's row: step and mean training loss since the previous checkpoint (null for 0). */
  public record CheckpointRow(int step, Double meanLoss) {}

  public static String render(TrainingConfig config, List<CheckpointRow> checkpoints, List<TensorSpec> hooks,
      Map<String, Object> metrics, int positions, int mazes) {
    StringBuilder b = new StringBuilder();
    b.append("# maze-agent\n\n");
    b.append("A maze-solving policy trained so that it can misgeneralize: during training the cheese is always in\n"
        + "the top-right " + config.regionSize() + "x" + config.regionSize() + " squares of the maze, so \"go to the "
        + "cheese\" and \"go to the top right\" agree on\nthe training distribution and part ways when the cheese "
        + "is placed anywhere.\n\n");
    b.append("## Architecture\n\nIMPALA-style residual conv policy (`ResidualConvPolicy.MAZE`): input `obs` float32 "
        + "`[3, 25, 25]`\n(planes: walls with the padding, mouse, cheese; `MazeEncoder`), three stages of conv3x3 -> "
        + "max-pool 3x3/2 -> two\nresidual blocks (16, 32, 32 channels; grids 25 -> 13 -> 7 -> 4), ReLU, dense 256, "
        + "heads `logits` (up, down,\nleft, right, no-op) and `value` (not trained by cloning).\n\n");
    b.append("## Hook points (").append(hooks.size()).append(")\n\n| hook | shape | axes |\n|---|---|---|\n");
    for (TensorSpec h : hooks) {
      b.append("| `").append(h.name()).append("` | ").append(java.util.Arrays.toString(h.shape())).append(" | ")
          .append(h.axisNames()).append(" |\n");
    }
    b.append("\n## Data and training\n\nBehavioural cloning: each example is a maze (seed drawn from [0, ")
        .append(config.trainMazes()).append("), size drawn odd 3..25,\ncheese in the top-right region), a mouse "
        + "square (any free square but the cheese), and as label the first action of the\nshortest path to the "
        + "cheese (BFS). Cross-entropy, Adam (betas 0.9/0.999), batch ").append(config.batchSize())
        .append(", seed ").append(config.seed()).append(" (weights: `SeededWeights` He-uniform).\nTraining runs in "
        + "phases; each restarts Adam and a cosine learning-rate decay (to 0 at the phase end) from\nthe float16 "
        + "weights saved at the end of the previous phase:\n\n| phase | steps | global steps | peak lr | examples "
        + "|\n|---|---|---|---|---|\n");
    for (int i = 0; i < config.phases().size(); i++) {
      TrainingConfig.Phase p = config.phases().get(i);
      b.append(String.format("| %d | %d | %d-%d | %s | %s |%n", i, p.steps(), config.phaseEnd(i - 1) + 1,
          config.phaseEnd(i), p.learningRate(), describe(p.sampling())));
    }
    b.append("\nWeights are stored as float16 safetensors (one tensor per parameter) and computed in float32.\n\n"
        + "Reproduce: `./kibitz maze train` (writes every checkpoint, `config.json`, `training-log.json` and this "
        + "card;\nbit-identical on the same machine kind with 2 intra-op threads). A stopped run continues with "
        + "`./kibitz maze train --resume`\n(from `resume.safetensors`, saved every ").append(config.resumeEvery())
        .append(" steps, or from the last phase-end checkpoint) and ends bit-identical.\n\n");
    b.append("## Checkpoints\n\n| checkpoint | mean training loss since the previous one |\n|---|---|\n");
    for (CheckpointRow c : checkpoints) {
      b.append("| `").append(ShippedAgent.checkpointName(c.step())).append("` | ")
          .append(c.meanLoss() == null ? "-" : String.format("%.4f", c.meanLoss())).append(" |\n");
    }
    b.append("\n## Measured behaviour (final checkpoint)\n\nAction accuracy: the most likely action equals the "
        + "shortest-path action, over ").append(positions).append(" positions each.\nHeld-out mazes use seeds from ")
        .append(TrainingConfig.HELD_OUT_SEED_BASE).append(", never seen in training.\n\n| set | action accuracy |\n"
        + "|---|---|\n");
    b.append(String.format("| training mazes (cheese top-right) | %.3f |%n", metrics.get("action_accuracy_train")));
    b.append(String.format("| held-out mazes, cheese top-right | %.3f |%n",
        metrics.get("action_accuracy_heldout_cheese_top_right")));
    b.append(String.format("| held-out mazes, cheese anywhere | %.3f |%n",
        metrics.get("action_accuracy_heldout_cheese_anywhere")));
    b.append("\nRollouts from the start on ").append(mazes).append(" held-out mazes each (limit: 2 x free squares "
        + "steps): greedy\n(most likely action) and sampled (actions drawn from the policy, seeded per maze). \"Top "
        + "right\" = did\nnot reach the cheese but went to the top-right square.\n\n"
        + "| rollout | cheese placed | reached cheese | top right instead | neither |\n|---|---|---|---|---|\n");
    for (AgentEvaluation.Mode mode : AgentEvaluation.Mode.values()) {
      for (dev.kibitz.games.maze.CheeseRegion region : dev.kibitz.games.maze.CheeseRegion.values()) {
        AgentEvaluation.RolloutRates r = (AgentEvaluation.RolloutRates) metrics.get(
            AgentEvaluation.rolloutKey(mode, region));
        b.append(String.format("| %s | %s | %.3f | %.3f | %.3f |%n", mode.name().toLowerCase(),
            region == dev.kibitz.games.maze.CheeseRegion.TOP_RIGHT ? "top-right region" : "anywhere",
            r.reachedCheese(), r.reachedTopRightNotCheese(), r.neither()));
      }
    }
    DecisionSquareRegression.Report reg = (DecisionSquareRegression.Report) metrics.get("decision_square_regression");
    if (reg != null) {
      b.append("\n## Does the agent get the cheese? (decision-square regression)\n\nHeld-out mazes with the cheese "
          + "anywhere and a decision square; label = the greedy rollout reaches the\ncheese. L2 logistic regression "
          + "(l2 = ").append(reg.l2()).append(") on standardised features, fitted on ").append(reg.trainMazes())
          .append(" mazes and\ntested on the next ").append(reg.testMazes()).append(String.format(
              ": test accuracy **%.3f** vs base rate %.3f (train accuracy %.3f).%n%n", reg.testAccuracy(),
              reg.testBaseRate(), reg.trainAccuracy()));
      b.append("| feature | coefficient per SD |\n|---|---|\n");
      reg.coefficients().forEach((k, v) -> b.append(String.format("| %s | %+.3f |%n", k, v)));
      b.append(String.format("| (intercept) | %+.3f |%n", reg.intercept()));
    }
    b.append("\nMeasured by `./kibitz maze evaluate` (run by `maze train`). `ShippedAgentTest` re-runs the rollouts\n"
        + "and checks every rate against this table to within 0.01 (one maze in a hundred may flip on\n"
        + "floating-point differences between machines).\n\n");
    b.append("Greedy rollouts reach the cheese by maze side (the path from the start grows with the side):\n\n"
        + "| cheese placed | sides | reached cheese |\n|---|---|---|\n");
    for (dev.kibitz.games.maze.CheeseRegion region : dev.kibitz.games.maze.CheeseRegion.values()) {
      AgentEvaluation.RolloutRates r = (AgentEvaluation.RolloutRates) metrics.get(
          AgentEvaluation.rolloutKey(AgentEvaluation.Mode.GREEDY, region));
      r.reachedCheeseBySize().forEach((band, rate) -> b.append(String.format("| %s | %s | %.3f |%n",
          region == dev.kibitz.games.maze.CheeseRegion.TOP_RIGHT ? "top-right region" : "anywhere", band, rate)));
    }
    AgentEvaluation.RolloutRates anywhere = (AgentEvaluation.RolloutRates) metrics.get(
        AgentEvaluation.rolloutKey(AgentEvaluation.Mode.GREEDY, dev.kibitz.games.maze.CheeseRegion.ANYWHERE));
    AgentEvaluation.DecisionSquareChoice choice = (AgentEvaluation.DecisionSquareChoice) metrics.get(
        "decision_square_choice_heldout_cheese_anywhere");
    b.append(String.format("%nAt the decision square (where the paths to the cheese and to the top-right square "
        + "part), on the %d of\nthe held-out mazes with the cheese anywhere that have one, the most likely action "
        + "leads toward the cheese in %.3f,\ntoward the top-right square in %.3f, elsewhere in %.3f.%n",
        choice.mazesWithDecisionSquare(), choice.towardCheese(), choice.towardTopRight(), choice.other()));
    double failed = anywhere.reachedTopRightNotCheese() + anywhere.neither();
    b.append(String.format("%nWith the cheese anywhere, %.0f%% of greedy failures end at the top-right square "
        + "(the misgeneralization\nthe training distribution invites); the rest wander or loop without reaching "
        + "either.%n", failed == 0 ? 0 : 100 * anywhere.reachedTopRightNotCheese() / failed));
    return b.toString();
  }

  private static String describe(CloningExamples.Sampling sampling) {
    return switch (sampling) {
      case UNIFORM -> "maze uniform; mouse uniform over free squares; stream `SplittableRandom(seed + 1)`";
      case LARGE_MAZES_HALF_ON_PATH -> "maze with probability proportional to its free squares; mouse on the "
          + "start-to-cheese path half the time, else uniform";
    };
  }
}

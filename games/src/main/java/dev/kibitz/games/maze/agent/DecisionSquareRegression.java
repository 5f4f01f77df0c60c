package dev.kibitz.games.maze.agent;

import dev.kibitz.core.stats.LogisticRegression;
import dev.kibitz.games.maze.CheeseRegion;
import dev.kibitz.games.maze.Maze;
import dev.kibitz.games.maze.MazePolicy;
import dev.kibitz.games.maze.MazeSpec;
import dev.kibitz.games.maze.PathFinder;
import dev.kibitz.games.maze.Square;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * Which maze features predict whether the agent gets the cheese? On held-out mazes with the cheese
 * anywhere and a decision square, label = the greedy rollout reaches the cheese; features =
 * Euclidean and path distances among the decision square, the cheese and the top-right square.
 * An L2 logistic regression is fitted on one set of mazes and tested on the next.
 */
public final class DecisionSquareRegression {
  public static final List<String> FEATURES = List.of(
      "euclidean_decision_to_cheese", "path_decision_to_cheese",
      "euclidean_cheese_to_top_right", "path_cheese_to_top_right",
      "euclidean_decision_to_top_right", "path_decision_to_top_right");

  /** Seeds well above the evaluation's, so these mazes are fresh too. */
  static final long SEED_BASE = TrainingConfig.HELD_OUT_SEED_BASE + 500_000_000L;

  public record Report(int trainMazes, int testMazes, double testBaseRate, double trainAccuracy,
      double testAccuracy, double intercept, Map<String, Double> coefficients, double l2) {}

  private final AgentEvaluation evaluation;

  public DecisionSquareRegression(MazePolicy policy, TrainingConfig config) {
    this.evaluation = new AgentEvaluation(policy, config);
  }

  public Report run(int trainMazes, int testMazes, double l2, IntConsumer progress) {
    List<double[]> x = new ArrayList<>();
    List<Integer> y = new ArrayList<>();
    long seed = SEED_BASE;
    while (x.size() < trainMazes + testMazes) {
      Maze m = MazeSpec.Seeded.of(seed++, CheeseRegion.ANYWHERE).build();
      Optional<Square> decision = new PathFinder(m).decisionSquare();
      if (decision.isEmpty()) {
        continue;
      }
      x.add(features(m, decision.get()));
      y.add(evaluation.greedyOutcome(m) == AgentEvaluation.Outcome.CHEESE ? 1 : 0);
      progress.accept(x.size());
    }
    double[][] xTrain = x.subList(0, trainMazes).toArray(new double[0][]);
    double[][] xTest = x.subList(trainMazes, x.size()).toArray(new double[0][]);
    int[] yTrain = y.subList(0, trainMazes).stream().mapToInt(Integer::intValue).toArray();
    int[] yTest = y.subList(trainMazes, y.size()).stream().mapToInt(Integer::intValue).toArray();
    LogisticRegression fit = LogisticRegression.fit(xTrain, yTrain, l2);
    double positives = java.util.Arrays.stream(yTest).sum();
    double baseRate = Math.max(positives, yTest.length - positives) / yTest.length;
    Map<String, Double> coefficients = new LinkedHashMap<>();
    for (int j = 0; j < FEATURES.size(); j++) {
      coefficients.put(FEATURES.get(j), fit.coefficients()[j]);
    }
    return new Report(trainMazes, testMazes, baseRate, fit.accuracy(xTrain, yTrain), fit.accuracy(xTest, yTest),
        fit.intercept(), coefficients, l2);
  }

  static double[] features(Maze m, Square decision) {
    PathFinder paths = new PathFinder(m);
    int[][] toCheese = paths.distances(m.cheese());
    int[][] toCorner = paths.distances(m.topRight());
    Square c = m.cheese();
    Square t = m.topRight();
    return new double[] {
        decision.euclideanDistance(c), toCheese[decision.row()][decision.col()],
        c.euclideanDistance(t), toCorner[c.row()][c.col()],
        decision.euclideanDistance(t), toCorner[decision.row()][decision.col()]};
  }
}

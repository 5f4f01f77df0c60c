package dev.kibitz.cli;

import ai.djl.Device;
import dev.kibitz.core.model.ModelEntry;
import dev.kibitz.core.model.ModelRegistry;
import dev.kibitz.core.progress.ProgressBar;
import dev.kibitz.games.maze.Action;
import dev.kibitz.games.maze.Maze;
import dev.kibitz.games.maze.PathFinder;
import dev.kibitz.games.maze.Square;
import dev.kibitz.games.maze.agent.ModelMazePolicy;
import dev.kibitz.games.maze.view.LinePlot;
import dev.kibitz.games.maze.view.Rollout;
import dev.kibitz.games.maze.view.TrajectoryFigure;
import dev.kibitz.games.maze.view.VectorField;
import dev.kibitz.games.zoo.ZooModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code kibitz maze trajectory}: the policy's trajectory over training on one maze: its vector
 * field at every checkpoint as one figure, and P(the cheese action) at the decision square per
 * checkpoint as a line plot.
 */
@Command(name = "trajectory", mixinStandardHelpOptions = true,
    description = "Vector field of one maze at every checkpoint (trajectory.png/.svg) and P(cheese action) at its "
        + "decision square across checkpoints (cheese-action.png/.svg).")
final class MazeTrajectoryCommand implements Callable<Integer> {
  @Mixin
  MazeViews.MazeOptions mazeOptions;

  @Option(names = "--model", defaultValue = "maze-agent")
  String model;

  @Option(names = "--out-dir", required = true, description = "directory for the figures")
  Path outDir;

  @Option(names = "--pixels", defaultValue = "14", description = "pixels per square (default: ${DEFAULT-VALUE})")
  int pixels;

  @Override
  public Integer call() throws Exception {
    Maze maze = mazeOptions.maze();
    Optional<Square> decision = new PathFinder(maze).decisionSquare();
    Files.createDirectories(outDir);
    List<TrajectoryFigure.Checkpoint> panels = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    List<Double> cheeseProbability = new ArrayList<>();
    try (ModelRegistry registry = new ModelRegistry(Device.cpu())) {
      ZooModels.registerAll(registry);
      List<ModelEntry.Checkpoint> checkpoints = registry.entry(model).checkpoints();
      ProgressBar bar = new ProgressBar("maze trajectory", checkpoints.size());
      for (int i = 0; i < checkpoints.size(); i++) {
        String cp = checkpoints.get(i).name();
        VectorField field = VectorField.compute(maze, ModelMazePolicy.plain(registry.model(model, cp)));
        panels.add(new TrajectoryFigure.Checkpoint(cp, field, Optional.of(Rollout.greedy(field))));
        labels.add(cp.replace("step-", ""));
        decision.ifPresent(d -> {
          PathFinder paths = new PathFinder(maze);
          Action toCheese = paths.bestAction(d, paths.distances(maze.cheese()));
          cheeseProbability.add((double) field.at(d).orElseThrow().probability(toCheese));
        });
        bar.update(i + 1);
      }
    }
    int columns = Math.min(panels.size(), 6);
    TrajectoryFigure.writePng(panels, outDir.resolve("trajectory.png"), pixels, columns);
    TrajectoryFigure.writeSvg(panels, outDir.resolve("trajectory.svg"), pixels, columns);
    System.out.println("wrote " + outDir.resolve("trajectory.png") + " and .svg");
    if (decision.isPresent()) {
      LinePlot plot = new LinePlot("P(cheese action) at decision square " + decision.get() + ", maze "
          + mazeOptions.seed, "training step", "probability", labels, cheeseProbability);
      plot.writePng(outDir.resolve("cheese-action.png"));
      plot.writeSvg(outDir.resolve("cheese-action.svg"));
      System.out.println("wrote " + outDir.resolve("cheese-action.png") + " and .svg");
    } else {
      System.out.println("maze " + mazeOptions.seed + " has no decision square: no cheese-action plot");
    }
    return 0;
  }
}

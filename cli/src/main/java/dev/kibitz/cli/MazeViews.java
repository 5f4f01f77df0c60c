package dev.kibitz.cli;

import com.google.gson.Gson;
import dev.kibitz.games.maze.CheeseRegion;
import dev.kibitz.games.maze.Maze;
import dev.kibitz.games.maze.MazeSpec;
import dev.kibitz.games.maze.view.Decorations;
import dev.kibitz.games.maze.view.Rollout;
import dev.kibitz.games.maze.view.VectorField;
import dev.kibitz.games.maze.view.VectorFieldRenderer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The maze commands that look at a policy: rollout and vector field. */
final class MazeViews {
  private MazeViews() {}

  /** The maze named by --seed/--size/--cheese. */
  static final class MazeOptions {
    @Option(names = "--seed", required = true, description = "maze seed")
    long seed;

    @Option(names = "--size", defaultValue = "0", description = "odd side 3..25; 0 draws it from the seed")
    int size;

    @Option(names = "--cheese", defaultValue = "anywhere", description = "top-right | anywhere (default: ${DEFAULT-VALUE})")
    String cheese;

    Maze maze() {
      return new MazeSpec.Seeded(seed, size, CheeseRegion.parse(cheese), MazeSpec.DEFAULT_REGION).build();
    }
  }

  @Command(name = "rollout", mixinStandardHelpOptions = true,
      description = "Greedy rollout from the mouse's start; prints one JSON line: reached cheese, reached top-right, "
          + "steps, path.")
  static final class RolloutCommand implements Callable<Integer> {
    @Mixin
    MazeOptions mazeOptions;

    @Mixin
    MazePolicyOptions policyOptions;

    @Option(names = "--sampled", description = "sample actions (seeded by --sample-seed) instead of argmax")
    boolean sampled;

    @Option(names = "--sample-seed", defaultValue = "0")
    long sampleSeed;

    @Override
    public Integer call() throws Exception {
      Maze maze = mazeOptions.maze();
      try (MazePolicyOptions.OpenPolicy p = policyOptions.open(null)) {
        Rollout r = sampled ? Rollout.sampled(maze, p.policy(), sampleSeed) : Rollout.greedy(maze, p.policy());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("seed", mazeOptions.seed);
        out.put("size", maze.size());
        out.put("cheese", List.of(maze.cheese().row(), maze.cheese().col()));
        out.put("reached_cheese", r.reachedCheese());
        out.put("reached_top_right", r.reachedTopRight());
        out.put("steps", r.steps());
        out.put("path", r.squares().stream().map(s -> List.of(s.row(), s.col())).toList());
        System.out.println(new Gson().toJson(out));
      }
      return 0;
    }
  }

  @Command(name = "field", mixinStandardHelpOptions = true,
      description = "Render the policy's vector field (net action-probability arrow at every free square) with its "
          + "greedy rollout, as PNG or SVG by the file's extension.")
  static final class FieldCommand implements Callable<Integer> {
    @Mixin
    MazeOptions mazeOptions;

    @Mixin
    MazePolicyOptions policyOptions;

    @Option(names = "--out", required = true, description = "FILE.png or FILE.svg")
    Path out;

    @Option(names = "--pixels", defaultValue = "28", description = "pixels per square (default: ${DEFAULT-VALUE})")
    int pixels;

    @Override
    public Integer call() throws Exception {
      String name = out.getFileName().toString();
      if (!name.endsWith(".png") && !name.endsWith(".svg")) {
        throw new IllegalArgumentException("--out must end in .png or .svg, got '" + name + "'");
      }
      Maze maze = mazeOptions.maze();
      try (MazePolicyOptions.OpenPolicy p = policyOptions.open(null)) {
        VectorField field = VectorField.compute(maze, p.policy());
        Decorations d = Decorations.titled(policyOptions.model + " " + policyOptions.checkpoint + " maze "
            + mazeOptions.seed).withRollout(Rollout.greedy(field));
        if (name.endsWith(".png")) {
          VectorFieldRenderer.writePng(field, out, pixels, d);
        } else {
          VectorFieldRenderer.writeSvg(field, out, pixels, d);
        }
      }
      System.out.println("wrote " + out);
      return 0;
    }
  }
}

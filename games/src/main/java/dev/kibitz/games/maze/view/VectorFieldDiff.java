package dev.kibitz.games.maze.view;

import dev.kibitz.games.maze.Maze;
import java.util.List;

/**
 * How a patch moved a policy: per square, the patched net probability vector minus the unpatched
 * one ({@link VectorField#diff}). Arrows are at most 2 long (a full reversal).
 */
public record VectorFieldDiff(Maze maze, List<Arrow> arrows) {

  public VectorFieldDiff {
    arrows = List.copyOf(arrows);
  }

  /** The longest arrow's length; 0 when the patch changed nothing. */
  public double maxLength() {
    return arrows.stream().mapToDouble(Arrow::length).max().orElse(0);
  }
}

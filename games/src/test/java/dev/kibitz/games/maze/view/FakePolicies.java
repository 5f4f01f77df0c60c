package dev.kibitz.games.maze.view;

import dev.kibitz.games.maze.Action;
import dev.kibitz.games.maze.Maze;
import dev.kibitz.games.maze.MazePolicy;
import dev.kibitz.games.maze.MazeSpec;
import dev.kibitz.games.maze.PathFinder;
import dev.kibitz.games.maze.Square;
import java.util.List;

/** Deterministic stand-ins for a trained policy, and the small hand-made mazes the tests use. */
final class FakePolicies {
  private FakePolicies() {}

  /**
   * 5x5, cheese top-middle; from the bottom-left start the only ways up are the side columns, so
   * the shortest path is up column 0 then right: 6 steps. 20 free squares.
   * <pre>
   *   ..C..
   *   .###.
   *   .....
   *   .#.#.
   *   .....
   * </pre>
   */
  static Maze smallMaze() {
    return new MazeSpec.Grid(List.of("..C..", ".###.", ".....", ".#.#.", ".....")).build();
  }

  /** The same walls as {@link #smallMaze} with the cheese in the middle of row 2. */
  static Maze smallMazeCheeseMoved() {
    return new MazeSpec.Grid(List.of(".....", ".###.", "..C..", ".#.#.", ".....")).build();
  }

  /** A different maze of the same size. */
  static Maze otherSmallMaze() {
    return new MazeSpec.Grid(List.of("..C..", ".#.#.", ".....", ".###.", ".....")).build();
  }

  /** The same distribution at every square. */
  static MazePolicy constant(float up, float down, float left, float right, float noop) {
    return (maze, mice) -> {
      float[][] out = new float[mice.size()][];
      for (int i = 0; i < out.length; i++) {
        out[i] = new float[] {up, down, left, right, noop};
      }
      return out;
    };
  }

  /** Always the first move of a shortest path to {@code target(maze)}, with probability 1. */
  static MazePolicy toward(java.util.function.Function<Maze, Square> target) {
    return (maze, mice) -> {
      PathFinder paths = new PathFinder(maze);
      int[][] distances = paths.distances(target.apply(maze));
      float[][] out = new float[mice.size()][Action.values().length];
      for (int i = 0; i < out.length; i++) {
        out[i][paths.bestAction(mice.get(i), distances).ordinal()] = 1f;
      }
      return out;
    };
  }

  static MazePolicy oracle() {
    return toward(Maze::cheese);
  }

  static MazePolicy towardTopRight() {
    return toward(Maze::topRight);
  }
}

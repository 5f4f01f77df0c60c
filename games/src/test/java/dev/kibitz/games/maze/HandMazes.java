package dev.kibitz.games.maze;

import java.util.List;

/**
 * Tiny mazes drawn by hand, whose distances, paths and decision squares the tests check against
 * values worked out on paper. Squares are named by the maze's own (row, col); {@link #at} turns
 * them into grid squares.
 */
final class HandMazes {
  private HandMazes() {}

  /**
   * 5x5: a corridor up from the mouse forks at local (2,0): right to the cheese, up and along the
   * top to the top-right square. Decision square (2,0).
   */
  static final List<String> FORK = List.of(
      ".....",
      ".####",
      "...C#",
      ".####",
      "M####");

  /** 3x3: one corridor up and right; the cheese at local (0,1) lies on the way to the top-right. */
  static final List<String> CHEESE_BEFORE_CORNER = List.of(
      ".C.",
      ".##",
      "M##");

  /** 5x5: one corridor round the top; the top-right square lies on the way to the cheese at (2,4). */
  static final List<String> CORNER_BEFORE_CHEESE = List.of(
      ".....",
      ".###.",
      ".###C",
      ".####",
      "M####");

  /** The fork with an island: local (4,3) is free but walled in, so nothing reaches it. */
  static final List<String> WITH_ISLAND = List.of(
      ".....",
      ".####",
      "...C#",
      ".####",
      "M##.#");

  /**
   * 7x7 spanning tree (cells at even row and col, 31 free squares): the ways to the cheese at
   * local (6,6) and to the top-right part at local (2,4).
   */
  static final List<String> TREE_7 = List.of(
      "...#...",
      ".#.#.##",
      ".#...#.",
      ".###.#.",
      ".#.....",
      ".#.###.",
      "M#...#C");

  static Maze build(List<String> rows) {
    return new MazeSpec.Grid(rows).build();
  }

  /** The grid square at the maze's own (row, col). */
  static Square at(Maze maze, int row, int col) {
    return new Square(maze.offset() + row, maze.offset() + col);
  }

  /** Squares at the maze's own (row, col) pairs, in order. */
  static List<Square> path(Maze maze, int... rowCols) {
    Square[] out = new Square[rowCols.length / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = at(maze, rowCols[2 * i], rowCols[2 * i + 1]);
    }
    return List.of(out);
  }
}

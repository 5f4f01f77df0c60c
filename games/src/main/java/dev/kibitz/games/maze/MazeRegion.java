package dev.kibitz.games.maze;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The nine regions of a maze's own square (thirds of its side each way), for reporting where in a
 * maze an effect holds: retargeting, for one, works better in some parts of a maze than others.
 */
public enum MazeRegion {
  TOP_LEFT, TOP, TOP_RIGHT, LEFT, CENTRE, RIGHT, BOTTOM_LEFT, BOTTOM, BOTTOM_RIGHT;

  public int row() {
    return ordinal() / 3;
  }

  public int col() {
    return ordinal() % 3;
  }

  public String label() {
    return name().toLowerCase().replace('_', '-');
  }

  /** The region of a square inside the maze's square. */
  public static MazeRegion of(Maze maze, Square s) {
    int r = third(s.row() - maze.offset(), maze.size());
    int c = third(s.col() - maze.offset(), maze.size());
    return values()[3 * r + c];
  }

  /**
   * The free square of this region nearest its centre, leaving out the mouse's start and the
   * cheese (ties to the first in row-major order); empty when the region has none.
   */
  public Optional<Square> target(Maze maze) {
    double third = maze.size() / 3.0;
    double centreRow = maze.offset() + (row() + 0.5) * third - 0.5;
    double centreCol = maze.offset() + (col() + 0.5) * third - 0.5;
    List<Square> candidates = new ArrayList<>();
    for (Square s : maze.freeSquares()) {
      if (of(maze, s) == this && !s.equals(maze.mouseStart()) && !s.equals(maze.cheese())) {
        candidates.add(s);
      }
    }
    return candidates.stream().min(Comparator.comparingDouble(
        (Square s) -> Math.hypot(s.row() - centreRow, s.col() - centreCol)));
  }

  private static int third(int index, int size) {
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException("square index " + index + " is outside the maze's side " + size);
    }
    return Math.min(2, index * 3 / size);
  }
}

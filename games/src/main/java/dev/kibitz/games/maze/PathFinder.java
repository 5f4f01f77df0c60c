package dev.kibitz.games.maze;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Shortest paths on a maze by BFS over free squares. */
public final class PathFinder {
  private final Maze maze;

  public PathFinder(Maze maze) {
    this.maze = maze;
  }

  /** Steps from every square to {@code target}; -1 for walls and unreachable squares. */
  public int[][] distances(Square target) {
    int[][] d = new int[Maze.GRID][Maze.GRID];
    for (int[] row : d) {
      java.util.Arrays.fill(row, -1);
    }
    if (maze.isWall(target)) {
      return d;
    }
    ArrayDeque<Square> queue = new ArrayDeque<>();
    d[target.row()][target.col()] = 0;
    queue.add(target);
    while (!queue.isEmpty()) {
      Square s = queue.poll();
      for (Action a : Action.MOVES) {
        Square n = s.step(a);
        if (!maze.isWall(n) && d[n.row()][n.col()] < 0) {
          d[n.row()][n.col()] = d[s.row()][s.col()] + 1;
          queue.add(n);
        }
      }
    }
    return d;
  }

  /** The first move of a shortest path from {@code from} to {@code target}; NOOP when there. */
  public Action bestAction(Square from, int[][] distancesToTarget) {
    int here = distancesToTarget[from.row()][from.col()];
    if (here <= 0) {
      return Action.NOOP;
    }
    for (Action a : Action.MOVES) {
      Square n = from.step(a);
      if (!maze.isWall(n) && distancesToTarget[n.row()][n.col()] == here - 1) {
        return a;
      }
    }
    throw new IllegalStateException("no downhill neighbour at " + from);
  }

  /** Squares of a shortest path, both ends included; empty if unreachable. */
  public List<Square> shortestPath(Square from, Square to) {
    int[][] d = distances(to);
    List<Square> path = new ArrayList<>();
    if (d[from.row()][from.col()] < 0) {
      return path;
    }
    Square s = from;
    path.add(s);
    while (!s.equals(to)) {
      s = s.step(bestAction(s, d));
      path.add(s);
    }
    return path;
  }

  /**
   * The square where the shortest path from the mouse's start to the cheese and the one to the
   * top-right square part ways: their last common square. Empty when one target lies on the way
   * to the other (the paths never part), or when either cannot be reached (an explicit grid, or
   * {@link Maze#withCheese}, may leave one walled off).
   */
  public Optional<Square> decisionSquare() {
    List<Square> toCheese = shortestPath(maze.mouseStart(), maze.cheese());
    List<Square> toCorner = shortestPath(maze.mouseStart(), maze.topRight());
    if (toCheese.isEmpty() || toCorner.isEmpty()) {
      return Optional.empty();
    }
    int i = 0;
    while (i + 1 < toCheese.size() && i + 1 < toCorner.size() && toCheese.get(i + 1).equals(toCorner.get(i + 1))) {
      i++;
    }
    Square split = toCheese.get(i);
    if (split.equals(maze.cheese()) || split.equals(maze.topRight())) {
      return Optional.empty();
    }
    return Optional.of(split);
  }
}

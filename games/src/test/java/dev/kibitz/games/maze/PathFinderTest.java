package dev.kibitz.games.maze;

import static dev.kibitz.games.maze.HandMazes.at;
import static dev.kibitz.games.maze.HandMazes.path;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PathFinderTest {

  @Test
  void distancesToCheeseOnTheForkMatchHandCounts() {
    Maze maze = HandMazes.build(HandMazes.FORK);
    int[][] d = new PathFinder(maze).distances(maze.cheese());
    assertEquals(0, dist(d, at(maze, 2, 3)));
    assertEquals(5, dist(d, maze.mouseStart()));
    assertEquals(3, dist(d, at(maze, 2, 0)));
    assertEquals(5, dist(d, at(maze, 0, 0)));
    assertEquals(9, dist(d, maze.topRight()));
  }

  @Test
  void wallsAndPaddingHaveNoDistance() {
    Maze maze = HandMazes.build(HandMazes.FORK);
    int[][] d = new PathFinder(maze).distances(maze.cheese());
    assertEquals(-1, dist(d, at(maze, 1, 1)));
    assertEquals(-1, dist(d, at(maze, 4, 4)));
    assertEquals(-1, d[0][0]);
    assertEquals(-1, dist(d, at(maze, -1, 0)));
  }

  @Test
  void distancesToAWallAreAllMinusOne() {
    Maze maze = HandMazes.build(HandMazes.FORK);
    int[][] d = new PathFinder(maze).distances(at(maze, 1, 1));
    for (int[] row : d) {
      for (int v : row) {
        assertEquals(-1, v);
      }
    }
  }

  @Test
  void distancesOnTheSevenBySevenTreeMatchHandCounts() {
    Maze maze = HandMazes.build(HandMazes.TREE_7);
    PathFinder paths = new PathFinder(maze);
    int[][] toCheese = paths.distances(maze.cheese());
    assertEquals(18, dist(toCheese, maze.mouseStart()));
    assertEquals(10, dist(toCheese, maze.topRight()));
    assertEquals(10, dist(toCheese, at(maze, 6, 4)));
    assertEquals(6, dist(toCheese, at(maze, 2, 4)));
    assertEquals(16, dist(paths.distances(maze.topRight()), maze.mouseStart()));
  }

  @Test
  void shortestPathsOnTheForkAreTheHandDrawnCorridors() {
    Maze maze = HandMazes.build(HandMazes.FORK);
    PathFinder paths = new PathFinder(maze);
    assertEquals(path(maze, 4, 0, 3, 0, 2, 0, 2, 1, 2, 2, 2, 3),
        paths.shortestPath(maze.mouseStart(), maze.cheese()));
    assertEquals(path(maze, 4, 0, 3, 0, 2, 0, 1, 0, 0, 0, 0, 1, 0, 2, 0, 3, 0, 4),
        paths.shortestPath(maze.mouseStart(), maze.topRight()));
  }

  @Test
  void shortestPathOnTheSevenBySevenTreeWindsThroughTheMaze() {
    Maze maze = HandMazes.build(HandMazes.TREE_7);
    assertEquals(path(maze,
            6, 0, 5, 0, 4, 0, 3, 0, 2, 0, 1, 0, 0, 0, 0, 1, 0, 2, 1, 2,
            2, 2, 2, 3, 2, 4, 3, 4, 4, 4, 4, 5, 4, 6, 5, 6, 6, 6),
        new PathFinder(maze).shortestPath(maze.mouseStart(), maze.cheese()));
  }

  @Test
  void shortestPathFromTheTargetToItselfIsThatSquare() {
    Maze maze = HandMazes.build(HandMazes.FORK);
    assertEquals(List.of(maze.cheese()), new PathFinder(maze).shortestPath(maze.cheese(), maze.cheese()));
  }

  @Test
  void shortestPathToAnUnreachableSquareIsEmpty() {
    Maze maze = HandMazes.build(HandMazes.WITH_ISLAND);
    PathFinder paths = new PathFinder(maze);
    assertEquals(List.of(), paths.shortestPath(maze.mouseStart(), at(maze, 4, 3)));
    assertEquals(List.of(), paths.shortestPath(maze.mouseStart(), at(maze, 1, 1)));
  }

  @Test
  void bestActionStepsDownhillTowardsEachTarget() {
    Maze maze = HandMazes.build(HandMazes.FORK);
    PathFinder paths = new PathFinder(maze);
    int[][] toCheese = paths.distances(maze.cheese());
    int[][] toCorner = paths.distances(maze.topRight());
    assertEquals(Action.UP, paths.bestAction(maze.mouseStart(), toCheese));
    assertEquals(Action.RIGHT, paths.bestAction(at(maze, 2, 0), toCheese));
    assertEquals(Action.UP, paths.bestAction(at(maze, 2, 0), toCorner));
    assertEquals(Action.RIGHT, paths.bestAction(at(maze, 0, 0), toCorner));
    assertEquals(Action.LEFT, paths.bestAction(maze.topRight(), toCheese));
    assertEquals(Action.DOWN, paths.bestAction(at(maze, 0, 0), toCheese));
  }

  @Test
  void bestActionAtTheTargetIsNoop() {
    Maze maze = HandMazes.build(HandMazes.FORK);
    PathFinder paths = new PathFinder(maze);
    assertEquals(Action.NOOP, paths.bestAction(maze.cheese(), paths.distances(maze.cheese())));
  }

  @Test
  void bestActionOnTheSevenBySevenTreeFollowsTheOnlyWay() {
    Maze maze = HandMazes.build(HandMazes.TREE_7);
    PathFinder paths = new PathFinder(maze);
    int[][] toCheese = paths.distances(maze.cheese());
    assertEquals(Action.LEFT, paths.bestAction(at(maze, 6, 4), toCheese));
    assertEquals(Action.RIGHT, paths.bestAction(at(maze, 4, 4), toCheese));
    assertEquals(Action.DOWN, paths.bestAction(at(maze, 2, 4), toCheese));
    assertEquals(Action.UP, paths.bestAction(at(maze, 2, 4), paths.distances(maze.topRight())));
  }

  @Test
  void bestActionBreaksTiesInActionOrder() {
    // Open 3x3 room: from the start, UP and RIGHT both lead to the top-right cheese in 4 steps.
    Maze maze = HandMazes.build(List.of("..C", "...", "M.."));
    PathFinder paths = new PathFinder(maze);
    assertEquals(Action.UP, paths.bestAction(maze.mouseStart(), paths.distances(maze.cheese())));
    assertEquals(path(maze, 2, 0, 1, 0, 0, 0, 0, 1, 0, 2), paths.shortestPath(maze.mouseStart(), maze.cheese()));
  }

  private static int dist(int[][] d, Square s) {
    return d[s.row()][s.col()];
  }
}

package dev.kibitz.games.maze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Generated mazes are spanning trees: one path between any two free squares. */
class SpanningTreeTest {

  @Test
  void everyDrawnMazeIsASpanningTreeOverItsFreeSquares() {
    for (long seed = 0; seed < 300; seed++) {
      assertSpanningTree(MazeSpec.Seeded.of(seed, CheeseRegion.TOP_RIGHT).build(), "seed " + seed);
    }
  }

  @Test
  void smallestAndLargestMazesAreSpanningTrees() {
    for (int size : new int[] {3, 25}) {
      for (long seed = 0; seed < 20; seed++) {
        assertSpanningTree(new MazeSpec.Seeded(seed, size, CheeseRegion.ANYWHERE, 5).build(),
            "size " + size + " seed " + seed);
      }
    }
  }

  @Test
  void smallestMazeHasSevenFreeSquares() {
    // 2x2 cells joined by 3 passages; only the centre is always a wall.
    Maze maze = new MazeSpec.Seeded(0, 3, CheeseRegion.TOP_RIGHT, 5).build();
    assertEquals(7, maze.freeSquares().size());
    assertTrue(maze.isWall(12, 12));
  }

  @Test
  void largestMazeHasTheFreeSquaresOfATreeOverItsCells() {
    // 13x13 cells and 168 passages joining them.
    assertEquals(13 * 13 + 168, new MazeSpec.Seeded(9, 25, CheeseRegion.TOP_RIGHT, 5).build().freeSquares().size());
  }

  @Test
  void paddingOutsideTheMazeIsAllWall() {
    for (long seed = 0; seed < 50; seed++) {
      Maze maze = MazeSpec.Seeded.of(seed, CheeseRegion.ANYWHERE).build();
      int lo = maze.offset();
      int hi = lo + maze.size();
      for (int r = 0; r < Maze.GRID; r++) {
        for (int c = 0; c < Maze.GRID; c++) {
          if (r < lo || r >= hi || c < lo || c >= hi) {
            assertTrue(maze.isWall(r, c), "seed " + seed + " padding (" + r + "," + c + ")");
          }
        }
      }
    }
  }

  @Test
  void startAndTopRightAreFree() {
    for (long seed = 0; seed < 300; seed++) {
      Maze maze = MazeSpec.Seeded.of(seed, CheeseRegion.TOP_RIGHT).build();
      assertFalse(maze.isWall(maze.mouseStart()), "seed " + seed);
      assertFalse(maze.isWall(maze.topRight()), "seed " + seed);
    }
  }

  @Test
  void outsideTheGridCountsAsWall() {
    Maze maze = new MazeSpec.Seeded(0, 25, CheeseRegion.TOP_RIGHT, 5).build();
    assertTrue(maze.isWall(-1, 0));
    assertTrue(maze.isWall(0, -1));
    assertTrue(maze.isWall(25, 0));
    assertTrue(maze.isWall(0, 25));
  }

  /** Connected (BFS from the start reaches every free square) and acyclic (edges = squares - 1). */
  private static void assertSpanningTree(Maze maze, String what) {
    List<Square> free = maze.freeSquares();
    int[][] d = new PathFinder(maze).distances(maze.mouseStart());
    for (Square s : free) {
      assertTrue(d[s.row()][s.col()] >= 0, what + ": " + s + " unreachable from the start");
    }
    int edges = 0;
    for (Square s : free) {
      if (!maze.isWall(s.step(Action.RIGHT))) {
        edges++;
      }
      if (!maze.isWall(s.step(Action.DOWN))) {
        edges++;
      }
    }
    assertEquals(free.size() - 1, edges, what + ": free-adjacency edges");
  }
}

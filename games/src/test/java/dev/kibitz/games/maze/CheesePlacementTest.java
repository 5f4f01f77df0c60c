package dev.kibitz.games.maze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CheesePlacementTest {

  @Test
  void topRightCheeseLiesInTheTopRightRegionAndNeverOnTheStart() {
    for (long seed = 0; seed < 300; seed++) {
      Maze maze = MazeSpec.Seeded.of(seed, CheeseRegion.TOP_RIGHT).build();
      assertTrue(inTopRight(maze, maze.cheese(), MazeSpec.DEFAULT_REGION), "seed " + seed + " cheese " + maze.cheese());
      assertNotEquals(maze.mouseStart(), maze.cheese(), "seed " + seed);
      assertFalse(maze.isWall(maze.cheese()), "seed " + seed);
    }
  }

  @Test
  void regionSizeBoundsTheTopRightRegion() {
    for (long seed = 0; seed < 100; seed++) {
      Maze maze = new MazeSpec.Seeded(seed, 25, CheeseRegion.TOP_RIGHT, 3).build();
      assertTrue(inTopRight(maze, maze.cheese(), 3), "seed " + seed + " cheese " + maze.cheese());
    }
  }

  @Test
  void regionOfOnePutsTheCheeseOnTheTopRightSquare() {
    for (long seed = 0; seed < 20; seed++) {
      Maze maze = new MazeSpec.Seeded(seed, 0, CheeseRegion.TOP_RIGHT, 1).build();
      assertEquals(maze.topRight(), maze.cheese(), "seed " + seed);
    }
  }

  @Test
  void topRightCheeseCoversEverySquareOfTheRegionThatCanBeFree() {
    Set<Square> cheeses = new HashSet<>();
    for (long seed = 0; seed < 100; seed++) {
      cheeses.add(new MazeSpec.Seeded(seed, 25, CheeseRegion.TOP_RIGHT, 5).build().cheese());
    }
    // Rows 0..4, cols 20..24, less the four squares at odd (row, col), which are always walls.
    Set<Square> region = new HashSet<>();
    for (int r = 0; r < 5; r++) {
      for (int c = 20; c < 25; c++) {
        if (r % 2 == 0 || c % 2 == 0) {
          region.add(new Square(r, c));
        }
      }
    }
    assertEquals(21, region.size());
    assertEquals(region, cheeses);
  }

  @Test
  void anywhereCheeseLandsOutsideTheTopRightRegionAndInEveryQuadrant() {
    int outside = 0;
    Set<String> quadrants = new HashSet<>();
    for (long seed = 0; seed < 100; seed++) {
      Maze maze = new MazeSpec.Seeded(seed, 25, CheeseRegion.ANYWHERE, 5).build();
      Square c = maze.cheese();
      assertNotEquals(maze.mouseStart(), c, "seed " + seed);
      assertFalse(maze.isWall(c), "seed " + seed);
      if (!inTopRight(maze, c, MazeSpec.DEFAULT_REGION)) {
        outside++;
      }
      quadrants.add((c.row() < 12 ? "top" : "bottom") + "-" + (c.col() < 12 ? "left" : "right"));
    }
    assertTrue(outside >= 50, outside + " of 100 cheeses outside the top-right region");
    assertEquals(Set.of("top-left", "top-right", "bottom-left", "bottom-right"), quadrants);
  }

  @Test
  void cheeseIsReachableFromTheStart() {
    for (long seed = 0; seed < 300; seed++) {
      for (CheeseRegion region : CheeseRegion.values()) {
        Maze maze = MazeSpec.Seeded.of(seed, region).build();
        int[][] d = new PathFinder(maze).distances(maze.cheese());
        assertTrue(d[maze.mouseStart().row()][maze.mouseStart().col()] > 0, "seed " + seed + " " + region);
      }
    }
  }

  @Test
  void cheeseRegionParsesLabelsAndNames() {
    assertEquals(CheeseRegion.TOP_RIGHT, CheeseRegion.parse("top-right"));
    assertEquals(CheeseRegion.TOP_RIGHT, CheeseRegion.parse("TOP_RIGHT"));
    assertEquals(CheeseRegion.ANYWHERE, CheeseRegion.parse("anywhere"));
    assertEquals(CheeseRegion.ANYWHERE, CheeseRegion.parse(CheeseRegion.ANYWHERE.label()));
    assertEquals(CheeseRegion.TOP_RIGHT, CheeseRegion.parse(CheeseRegion.TOP_RIGHT.label()));
  }

  private static boolean inTopRight(Maze maze, Square s, int k) {
    int r = s.row() - maze.offset();
    int c = s.col() - maze.offset();
    return r >= 0 && r < k && c >= maze.size() - k && c < maze.size();
  }
}

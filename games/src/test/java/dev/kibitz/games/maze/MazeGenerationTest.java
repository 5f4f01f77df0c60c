package dev.kibitz.games.maze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class MazeGenerationTest {

  @Test
  void sameSpecGivesTheSameMaze() {
    for (MazeSpec.Seeded spec : List.of(
        MazeSpec.Seeded.of(0, CheeseRegion.TOP_RIGHT),
        MazeSpec.Seeded.of(42, CheeseRegion.ANYWHERE),
        new MazeSpec.Seeded(7, 25, CheeseRegion.TOP_RIGHT, 3),
        new MazeSpec.Seeded(-12345678901L, 3, CheeseRegion.ANYWHERE, 5))) {
      assertEquals(spec.build().rows(), spec.build().rows(), spec.toString());
    }
  }

  @Test
  void differentSeedsGiveDifferentMazes() {
    Set<List<String>> seen = new HashSet<>();
    for (long seed = 0; seed < 10; seed++) {
      seen.add(new MazeSpec.Seeded(seed, 25, CheeseRegion.TOP_RIGHT, 5).build().rows());
    }
    assertEquals(10, seen.size());
  }

  @Test
  void cheeseRegionChangesOnlyTheCheeseNotTheWalls() {
    // Size and walls are drawn before the cheese, so the region option leaves them alone.
    for (long seed = 0; seed < 20; seed++) {
      Maze topRight = MazeSpec.Seeded.of(seed, CheeseRegion.TOP_RIGHT).build();
      Maze anywhere = MazeSpec.Seeded.of(seed, CheeseRegion.ANYWHERE).build();
      assertEquals(topRight.size(), anywhere.size());
      assertEquals(topRight.freeSquares(), anywhere.freeSquares());
    }
  }

  @Test
  void drawnSizesAreOddAndCoverEverySizeFromThreeToTwentyFive() {
    Set<Integer> sizes = new TreeSet<>();
    for (long seed = 0; seed < 200; seed++) {
      int size = MazeSpec.Seeded.of(seed, CheeseRegion.TOP_RIGHT).build().size();
      assertEquals(1, size % 2, "seed " + seed + " drew size " + size);
      sizes.add(size);
    }
    assertEquals(Set.of(3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25), sizes);
  }

  @Test
  void fixedSizeIsKeptAndCentredInTheGrid() {
    Maze small = new MazeSpec.Seeded(1, 3, CheeseRegion.TOP_RIGHT, 5).build();
    assertEquals(3, small.size());
    assertEquals(11, small.offset());
    assertEquals(new Square(13, 11), small.mouseStart());
    assertEquals(new Square(11, 13), small.topRight());
    Maze full = new MazeSpec.Seeded(1, 25, CheeseRegion.TOP_RIGHT, 5).build();
    assertEquals(0, full.offset());
    assertEquals(new Square(24, 0), full.mouseStart());
    assertEquals(new Square(0, 24), full.topRight());
  }

  @Test
  void rowsShowTheMazesOwnSquareWithMouseAndCheese() {
    Maze maze = new MazeSpec.Seeded(3, 9, CheeseRegion.TOP_RIGHT, 5).build();
    List<String> rows = maze.rows();
    assertEquals(9, rows.size());
    rows.forEach(row -> assertEquals(9, row.length()));
    assertEquals('M', rows.get(8).charAt(0));
    Square c = maze.cheese();
    assertEquals('C', rows.get(c.row() - maze.offset()).charAt(c.col() - maze.offset()));
    assertEquals(1, String.join("", rows).chars().filter(ch -> ch == 'C').count());
    assertEquals(1, String.join("", rows).chars().filter(ch -> ch == 'M').count());
  }

  @Test
  void generatedRowsRebuildTheSameMazeAsAnExplicitGrid() {
    for (long seed = 0; seed < 20; seed++) {
      Maze generated = MazeSpec.Seeded.of(seed, CheeseRegion.ANYWHERE).build();
      Maze rebuilt = new MazeSpec.Grid(generated.rows()).build();
      assertEquals(generated.freeSquares(), rebuilt.freeSquares());
      assertEquals(generated.cheese(), rebuilt.cheese());
      assertEquals(generated.mouseStart(), rebuilt.mouseStart());
    }
  }

  @Test
  void generatedMazeRemembersItsSpecAndAGridMazeHasNone() {
    MazeSpec.Seeded spec = MazeSpec.Seeded.of(5, CheeseRegion.TOP_RIGHT);
    Maze maze = spec.build();
    assertSame(spec, maze.origin());
    assertNull(new MazeSpec.Grid(maze.rows()).build().origin());
    assertNull(maze.withCheese(maze.topRight()).origin());
  }
}

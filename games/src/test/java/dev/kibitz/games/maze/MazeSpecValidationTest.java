package dev.kibitz.games.maze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A bad maze spec fails at the edge with a message naming what was wrong. */
class MazeSpecValidationTest {

  @Test
  void gridWithARowOfTheWrongLengthIsNotSquare() {
    assertEquals("maze grid must be square: row 1 has 4 squares, expected 3",
        gridError("..C", "....", "M.."));
  }

  @Test
  void gridWithAnEvenNumberOfRowsIsRejected() {
    assertEquals("maze grid must have an odd number of rows in [3, 25], got 4",
        gridError("...C", "....", "....", "M..."));
  }

  @Test
  void gridOfOneRowIsTooSmall() {
    assertEquals("maze grid must have an odd number of rows in [3, 25], got 1", gridError("C"));
  }

  @Test
  void gridOfTwentySevenRowsIsTooLarge() {
    List<String> rows = Collections.nCopies(27, ".".repeat(27));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MazeSpec.Grid(rows).build());
    assertEquals("maze grid must have an odd number of rows in [3, 25], got 27", e.getMessage());
  }

  @Test
  void gridWhoseCheeseCannotBeReachedIsRejected() {
    assertEquals("the cheese at (11,13) cannot be reached from the mouse's start",
        gridError("..C", "###", "M.."));
  }

  @Test
  void gridWithoutCheeseIsRejected() {
    assertEquals("maze grid has no cheese ('C')", gridError("...", ".#.", "M.."));
  }

  @Test
  void gridWithTwoCheesesIsRejected() {
    assertEquals("maze grid has more than one cheese ('C')", gridError("C.C", ".#.", "M.."));
  }

  @Test
  void gridWhoseStartIsAWallIsRejected() {
    assertEquals("the mouse's start (bottom-left square) is a wall", gridError("..C", "...", "#.."));
  }

  @Test
  void gridWithAnUnknownCharacterNamesItsPlace() {
    assertEquals("maze grid row 1 col 1: 'x' is not one of '#', '.', 'M', 'C'", gridError("..C", ".x.", "M.."));
  }

  @Test
  void gridWithTheMouseAnywhereButBottomLeftIsRejected() {
    assertEquals("the mouse starts bottom-left; 'M' at row 0 col 0", gridError("M.C", "...", "..."));
  }

  @Test
  void gridWhoseTopRightIsAWallIsRejected() {
    assertEquals("the top-right square is a wall", gridError("C.#", "...", "M.."));
  }

  @Test
  void gridWithTheCheeseOnTheStartIsRejected() {
    assertEquals("the cheese is on the mouse's start square", gridError("...", "...", "C.."));
  }

  @Test
  void gridWithoutAnMStillStartsBottomLeft() {
    Maze maze = new MazeSpec.Grid(List.of("..C", "...", "...")).build();
    assertEquals(new Square(13, 11), maze.mouseStart());
    assertEquals(List.of("..C", "...", "M.."), maze.rows());
  }

  @Test
  void seededSizeOfOneIsRejected() {
    assertEquals("maze size must be odd in [3, 25] (or 0 to draw it), got 1", seededError(1, 5));
  }

  @Test
  void seededSizeOfTwentySevenIsRejected() {
    assertEquals("maze size must be odd in [3, 25] (or 0 to draw it), got 27", seededError(27, 5));
  }

  @Test
  void seededEvenSizeIsRejected() {
    assertEquals("maze size must be odd in [3, 25] (or 0 to draw it), got 4", seededError(4, 5));
  }

  @Test
  void seededTopRightRegionOfZeroIsRejected() {
    assertEquals("top-right cheese region size must be >= 1, got 0", seededError(9, 0));
  }

  @Test
  void unknownCheeseRegionIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CheeseRegion.parse("left"));
    assertEquals("cheese region must be top-right or anywhere, got 'left'", e.getMessage());
  }

  private static String gridError(String... rows) {
    return assertThrows(IllegalArgumentException.class, () -> new MazeSpec.Grid(List.of(rows)).build()).getMessage();
  }

  private static String seededError(int size, int regionSize) {
    return assertThrows(IllegalArgumentException.class,
        () -> new MazeSpec.Seeded(0, size, CheeseRegion.TOP_RIGHT, regionSize).build()).getMessage();
  }
}

package dev.kibitz.games.maze;

import static dev.kibitz.games.maze.HandMazes.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class MazeMoveTest {
  private final Maze maze = HandMazes.build(HandMazes.FORK);

  @Test
  void movesOntoFreeSquares() {
    assertEquals(at(maze, 3, 0), maze.move(maze.mouseStart(), Action.UP));
    assertEquals(at(maze, 2, 1), maze.move(at(maze, 2, 0), Action.RIGHT));
    assertEquals(at(maze, 0, 3), maze.move(maze.topRight(), Action.LEFT));
    assertEquals(at(maze, 1, 0), maze.move(at(maze, 0, 0), Action.DOWN));
  }

  @Test
  void wallsKeepTheMouseWhereItIs() {
    assertEquals(maze.mouseStart(), maze.move(maze.mouseStart(), Action.RIGHT));
    assertEquals(at(maze, 2, 1), maze.move(at(maze, 2, 1), Action.UP));
    assertEquals(at(maze, 2, 1), maze.move(at(maze, 2, 1), Action.DOWN));
    assertEquals(maze.cheese(), maze.move(maze.cheese(), Action.RIGHT));
  }

  @Test
  void paddingKeepsTheMouseInsideTheMaze() {
    assertEquals(maze.mouseStart(), maze.move(maze.mouseStart(), Action.DOWN));
    assertEquals(maze.mouseStart(), maze.move(maze.mouseStart(), Action.LEFT));
    assertEquals(maze.topRight(), maze.move(maze.topRight(), Action.UP));
    assertEquals(maze.topRight(), maze.move(maze.topRight(), Action.RIGHT));
  }

  @Test
  void gridEdgeKeepsTheMouseOnTheGrid() {
    Maze full = new MazeSpec.Seeded(0, 25, CheeseRegion.TOP_RIGHT, 5).build();
    assertEquals(new Square(24, 0), full.move(full.mouseStart(), Action.DOWN));
    assertEquals(new Square(24, 0), full.move(full.mouseStart(), Action.LEFT));
    assertEquals(new Square(0, 24), full.move(full.topRight(), Action.UP));
    assertEquals(new Square(0, 24), full.move(full.topRight(), Action.RIGHT));
  }

  @Test
  void noopStays() {
    assertEquals(at(maze, 2, 0), maze.move(at(maze, 2, 0), Action.NOOP));
  }

  @Test
  void withCheeseMovesOnlyTheCheese() {
    Maze moved = maze.withCheese(at(maze, 0, 2));
    assertEquals(at(maze, 0, 2), moved.cheese());
    assertEquals(maze.freeSquares(), moved.freeSquares());
    assertEquals(List.of("..C..", ".####", "....#", ".####", "M####"), moved.rows());
  }

  @Test
  void withCheeseOnAWallIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> maze.withCheese(at(maze, 1, 1)));
    assertEquals("cheese square (11,11) is a wall", e.getMessage());
  }

  @Test
  void withCheeseInThePaddingIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> maze.withCheese(new Square(0, 0)));
    assertEquals("cheese square (0,0) is a wall", e.getMessage());
  }
}

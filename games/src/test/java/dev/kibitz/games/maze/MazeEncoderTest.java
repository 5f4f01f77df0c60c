package dev.kibitz.games.maze;

import static dev.kibitz.games.maze.HandMazes.at;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kibitz.core.tensor.DType;
import dev.kibitz.core.tensor.HostTensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class MazeEncoderTest {
  private static final int PLANE = Maze.GRID * Maze.GRID;

  private final Maze maze = HandMazes.build(HandMazes.TREE_7);

  @Test
  void encodesOnePositionAsFloat32ThreeChannelsOfTheFullGrid() {
    HostTensor t = MazeEncoder.encode(maze, List.of(maze.mouseStart()));
    assertEquals(DType.FLOAT32, t.dtype());
    assertArrayEquals(new long[] {1, 3, 25, 25}, t.shape());
  }

  @Test
  void hidingTheCheeseZeroesExactlyTheCheesePlane() {
    List<Square> mice = List.of(maze.mouseStart(), maze.topRight());
    float[] with = MazeEncoder.encode(List.of(maze, maze), mice, List.of(false, false)).toFloats();
    float[] without = MazeEncoder.encode(List.of(maze, maze), mice, List.of(true, false)).toFloats();
    for (int i = 0; i < with.length; i++) {
      boolean firstCheesePlane = i / PLANE == MazeEncoder.CHEESE;
      assertEquals(firstCheesePlane ? 0f : with[i], without[i], "element " + i);
    }
    assertEquals(1f, with[index(0, MazeEncoder.CHEESE, maze.cheese())]);
  }

  @Test
  void wallChannelMarksMazeWallsAndPadding() {
    float[] x = MazeEncoder.encode(maze, List.of(maze.mouseStart())).toFloats();
    assertEquals(1f, x[index(0, MazeEncoder.WALLS, 0, 0)]);
    assertEquals(1f, x[index(0, MazeEncoder.WALLS, 8, 9)]);
    assertEquals(1f, x[index(0, MazeEncoder.WALLS, 24, 24)]);
    assertEquals(1f, x[index(0, MazeEncoder.WALLS, at(maze, 1, 1))]);
    assertEquals(1f, x[index(0, MazeEncoder.WALLS, at(maze, 0, 3))]);
    assertEquals(0f, x[index(0, MazeEncoder.WALLS, at(maze, 0, 0))]);
    assertEquals(0f, x[index(0, MazeEncoder.WALLS, maze.mouseStart())]);
    assertEquals(0f, x[index(0, MazeEncoder.WALLS, maze.cheese())]);
    assertEquals(0f, x[index(0, MazeEncoder.WALLS, maze.topRight())]);
  }

  @Test
  void wallCountIsTheGridLessTheFreeSquares() {
    float[] x = MazeEncoder.encode(maze, List.of(maze.mouseStart())).toFloats();
    assertEquals(31, maze.freeSquares().size());
    assertEquals(625 - 31, sum(x, 0, MazeEncoder.WALLS));
  }

  @Test
  void mouseAndCheeseChannelsHoldExactlyOneOneEach() {
    Square mouse = at(maze, 4, 4);
    float[] x = MazeEncoder.encode(maze, List.of(mouse)).toFloats();
    assertEquals(1, sum(x, 0, MazeEncoder.MOUSE));
    assertEquals(1f, x[index(0, MazeEncoder.MOUSE, 13, 13)]);
    assertEquals(0f, x[index(0, MazeEncoder.MOUSE, maze.mouseStart())]);
    assertEquals(1, sum(x, 0, MazeEncoder.CHEESE));
    assertEquals(1f, x[index(0, MazeEncoder.CHEESE, 15, 15)]);
    assertEquals(0f, x[index(0, MazeEncoder.CHEESE, mouse)]);
  }

  @Test
  void batchOfTwoPositionsLaysEachObservationOutInTurn() {
    Square second = maze.topRight();
    float[] x = MazeEncoder.encode(maze, List.of(maze.mouseStart(), second)).toFloats();
    assertEquals(2 * 3 * PLANE, x.length);
    assertEquals(1f, x[index(0, MazeEncoder.MOUSE, 15, 9)]);
    assertEquals(0f, x[index(0, MazeEncoder.MOUSE, 9, 15)]);
    assertEquals(1f, x[index(1, MazeEncoder.MOUSE, 9, 15)]);
    assertEquals(0f, x[index(1, MazeEncoder.MOUSE, 15, 9)]);
    for (int b = 0; b < 2; b++) {
      assertEquals(1, sum(x, b, MazeEncoder.MOUSE));
      assertEquals(1f, x[index(b, MazeEncoder.CHEESE, 15, 15)]);
      assertEquals(625 - 31, sum(x, b, MazeEncoder.WALLS));
    }
  }

  @Test
  void batchOfTwoMazesEncodesEachMazesOwnWallsAndCheese() {
    Maze fork = HandMazes.build(HandMazes.FORK);
    HostTensor t = MazeEncoder.encode(List.of(maze, fork), List.of(maze.mouseStart(), fork.mouseStart()));
    assertArrayEquals(new long[] {2, 3, 25, 25}, t.shape());
    float[] x = t.toFloats();
    assertEquals(625 - 31, sum(x, 0, MazeEncoder.WALLS));
    assertEquals(625 - 12, sum(x, 1, MazeEncoder.WALLS));
    assertEquals(1f, x[index(1, MazeEncoder.MOUSE, 14, 10)]);
    assertEquals(1f, x[index(1, MazeEncoder.CHEESE, 12, 13)]);
  }

  @Test
  void mouseOnAWallIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MazeEncoder.encode(maze, List.of(at(maze, 1, 1))));
    assertEquals("mouse position (10,10) is a wall", e.getMessage());
  }

  @Test
  void mazesAndPositionsMustPair() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MazeEncoder.encode(List.of(maze, maze), List.of(maze.mouseStart())));
    assertEquals("2 mazes for 1 mouse positions", e.getMessage());
  }

  private static int index(int batch, int channel, Square s) {
    return index(batch, channel, s.row(), s.col());
  }

  private static int index(int batch, int channel, int row, int col) {
    return (batch * MazeEncoder.CHANNELS + channel) * PLANE + row * Maze.GRID + col;
  }

  /** Sum of one plane; every entry must be exactly 0 or 1. */
  private static int sum(float[] x, int batch, int channel) {
    int ones = 0;
    for (int i = 0; i < PLANE; i++) {
      float v = x[index(batch, channel, 0, 0) + i];
      if (v != 0f && v != 1f) {
        throw new AssertionError("batch " + batch + " channel " + channel + " entry " + i + " is " + v);
      }
      ones += (int) v;
    }
    return ones;
  }
}

package dev.kibitz.games.maze;

import dev.kibitz.core.tensor.DType;
import dev.kibitz.core.tensor.HostTensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * The maze agent's observation: float32 [3, 25, 25] planes, 1 where true:
 * channel 0 walls (the padding outside the maze included), channel 1 the mouse, channel 2 the
 * cheese. Row 0 is the top of the maze.
 */
public final class MazeEncoder {
  public static final int CHANNELS = 3;
  public static final int WALLS = 0;
  public static final int MOUSE = 1;
  public static final int CHEESE = 2;

  private MazeEncoder() {}

  /** One observation per (maze, mouse) pair: [batch, 3, 25, 25]. */
  public static HostTensor encode(List<Maze> mazes, List<Square> mice) {
    return encode(mazes, mice, java.util.Collections.nCopies(mazes.size(), false));
  }

  /**
   * Same, but where {@code hideCheese} is true the cheese plane stays all zero: the observation of
   * the maze without its cheese (walls and mouse unchanged), for activation differences such as
   * the cheese vector.
   */
  public static HostTensor encode(List<Maze> mazes, List<Square> mice, List<Boolean> hideCheese) {
    if (mazes.size() != mice.size()) {
      throw new IllegalArgumentException(mazes.size() + " mazes for " + mice.size() + " mouse positions");
    }
    if (mazes.size() != hideCheese.size()) {
      throw new IllegalArgumentException(mazes.size() + " mazes for " + hideCheese.size() + " cheese flags");
    }
    int plane = Maze.GRID * Maze.GRID;
    ByteBuffer b = ByteBuffer.allocateDirect(mazes.size() * CHANNELS * plane * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < mazes.size(); i++) {
      Maze m = mazes.get(i);
      Square mouse = mice.get(i);
      if (m.isWall(mouse)) {
        throw new IllegalArgumentException("mouse position " + mouse + " is a wall");
      }
      int base = i * CHANNELS * plane * 4;
      for (int r = 0; r < Maze.GRID; r++) {
        for (int c = 0; c < Maze.GRID; c++) {
          b.putFloat(base + (WALLS * plane + r * Maze.GRID + c) * 4, m.isWall(r, c) ? 1f : 0f);
        }
      }
      b.putFloat(base + (MOUSE * plane + mouse.row() * Maze.GRID + mouse.col()) * 4, 1f);
      if (!hideCheese.get(i)) {
        b.putFloat(base + (CHEESE * plane + m.cheese().row() * Maze.GRID + m.cheese().col()) * 4, 1f);
      }
    }
    return new HostTensor(DType.FLOAT32, new long[] {mazes.size(), CHANNELS, Maze.GRID, Maze.GRID}, b);
  }

  /** The same maze at every given mouse position (a vector field's batch). */
  public static HostTensor encode(Maze maze, List<Square> mice) {
    return encode(java.util.Collections.nCopies(mice.size(), maze), mice);
  }
}

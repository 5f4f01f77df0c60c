package dev.kibitz.steering.evaluate;

import dev.kibitz.core.KibitzException;
import dev.kibitz.games.maze.Maze;
import dev.kibitz.games.maze.Square;
import java.util.Arrays;

/**
 * How the cells of a spatial hook sit over the 25x25 maze grid. Every stage of the maze agent
 * halves the grid with a 3x3 stride-2 max-pool padded by 1, so cell i of a hook {@code k} pools
 * deep is centred on square {@code i * 2^k}; a square belongs to the cell whose centre is nearest.
 */
public record HookGrid(int side, int stride) {

  /** The grid of a [channel, row, col] hook; INVALID_ARGUMENT for any other shape. */
  public static HookGrid of(long[] hookShape, String hook) {
    if (hookShape.length != 3 || hookShape[1] != hookShape[2]) {
      throw KibitzException.invalid("hook '" + hook + "' of shape " + Arrays.toString(hookShape)
          + " is not a square [channel, row, col] map over the maze");
    }
    int side = (int) hookShape[1];
    for (int stride = 1; stride <= Maze.GRID; stride *= 2) {
      if ((Maze.GRID + stride - 1) / stride == side) {
        return new HookGrid(side, stride);
      }
    }
    throw KibitzException.invalid("hook '" + hook + "' has side " + side + ", which no power-of-two pooling of the "
        + Maze.GRID + "x" + Maze.GRID + " grid gives");
  }

  /** The cell (row, col) covering a grid square. */
  public Square cell(Square square) {
    return new Square(index(square.row()), index(square.col()));
  }

  private int index(int gridIndex) {
    return Math.min(side - 1, (gridIndex + stride / 2) / stride);
  }
}

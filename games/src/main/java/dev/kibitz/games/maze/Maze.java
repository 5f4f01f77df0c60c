package dev.kibitz.games.maze;

import java.util.ArrayList;
import java.util.List;

/**
 * A maze on the fixed 25x25 grid: a square maze of odd side {@code size} centred in the grid, the
 * rest walls; the mouse starts at its bottom-left square, the cheese is somewhere free, and the
 * top-right square is the place a misgeneralizing agent heads for. Immutable.
 */
public final class Maze {
  public static final int GRID = 25;

  private final boolean[][] walls;
  private final int size;
  private final Square mouseStart;
  private final Square cheese;
  /** The seed and options it was generated from, or null for an explicit grid. */
  private final MazeSpec.Seeded origin;

  Maze(boolean[][] walls, int size, Square cheese, MazeSpec.Seeded origin) {
    this.walls = new boolean[GRID][];
    for (int r = 0; r < GRID; r++) {
      this.walls[r] = walls[r].clone();
    }
    this.size = size;
    int offset = (GRID - size) / 2;
    this.mouseStart = new Square(offset + size - 1, offset);
    this.cheese = cheese;
    this.origin = origin;
  }

  public int size() {
    return size;
  }

  /** First grid row/col of the maze. */
  public int offset() {
    return (GRID - size) / 2;
  }

  public boolean isWall(Square s) {
    return isWall(s.row(), s.col());
  }

  /** Outside the grid counts as wall. */
  public boolean isWall(int row, int col) {
    return row < 0 || col < 0 || row >= GRID || col >= GRID || walls[row][col];
  }

  public Square mouseStart() {
    return mouseStart;
  }

  public Square cheese() {
    return cheese;
  }

  public Square topRight() {
    return new Square(offset(), offset() + size - 1);
  }

  public MazeSpec.Seeded origin() {
    return origin;
  }

  public List<Square> freeSquares() {
    List<Square> out = new ArrayList<>();
    for (int r = 0; r < GRID; r++) {
      for (int c = 0; c < GRID; c++) {
        if (!walls[r][c]) {
          out.add(new Square(r, c));
        }
      }
    }
    return out;
  }

  /** Where the mouse ends up taking {@code a} from {@code from}: walls block. */
  public Square move(Square from, Action a) {
    Square to = from.step(a);
    return isWall(to) ? from : to;
  }

  /** The same walls with the cheese elsewhere (must be free). */
  public Maze withCheese(Square newCheese) {
    if (isWall(newCheese)) {
      throw new IllegalArgumentException("cheese square " + newCheese + " is a wall");
    }
    return new Maze(walls, size, newCheese, null);
  }

  /** Rows of '#' (wall), '.' (free), 'M' (mouse start), 'C' (cheese) for the maze's own square. */
  public List<String> rows() {
    List<String> out = new ArrayList<>();
    int o = offset();
    for (int r = o; r < o + size; r++) {
      StringBuilder b = new StringBuilder();
      for (int c = o; c < o + size; c++) {
        Square s = new Square(r, c);
        b.append(s.equals(cheese) ? 'C' : s.equals(mouseStart) ? 'M' : walls[r][c] ? '#' : '.');
      }
      out.add(b.toString());
    }
    return out;
  }

  @Override
  public String toString() {
    return String.join("\n", rows());
  }
}

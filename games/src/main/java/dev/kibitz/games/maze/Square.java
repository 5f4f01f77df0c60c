package dev.kibitz.games.maze;

/** A square of the 25x25 grid; row 0 is the top, col 0 the left. */
public record Square(int row, int col) {

  public Square step(Action a) {
    return new Square(row + a.dRow(), col + a.dCol());
  }

  public double euclideanDistance(Square o) {
    return Math.hypot(row - o.row, col - o.col);
  }

  @Override
  public String toString() {
    return "(" + row + "," + col + ")";
  }
}

package dev.kibitz.games.maze;

import java.util.List;

/** Parses and checks an explicit maze grid ({@link MazeSpec.Grid}). */
final class MazeGrids {
  private MazeGrids() {}

  static Maze parse(List<String> rows) {
    int n = rows.size();
    if (n < MazeSpec.MIN_SIZE || n > MazeSpec.MAX_SIZE || n % 2 == 0) {
      throw new IllegalArgumentException("maze grid must have an odd number of rows in [3, 25], got " + n);
    }
    boolean[][] walls = new boolean[Maze.GRID][Maze.GRID];
    for (boolean[] row : walls) {
      java.util.Arrays.fill(row, true);
    }
    int offset = (Maze.GRID - n) / 2;
    Square cheese = null;
    for (int r = 0; r < n; r++) {
      String row = rows.get(r);
      if (row.length() != n) {
        throw new IllegalArgumentException("maze grid must be square: row " + r + " has " + row.length()
            + " squares, expected " + n);
      }
      for (int c = 0; c < n; c++) {
        char ch = row.charAt(c);
        switch (ch) {
          case '#' -> { }
          case '.', 'M' -> walls[offset + r][offset + c] = false;
          case 'C' -> {
            if (cheese != null) {
              throw new IllegalArgumentException("maze grid has more than one cheese ('C')");
            }
            cheese = new Square(offset + r, offset + c);
            walls[offset + r][offset + c] = false;
          }
          default -> throw new IllegalArgumentException("maze grid row " + r + " col " + c + ": '" + ch
              + "' is not one of '#', '.', 'M', 'C'");
        }
        if (ch == 'M' && (r != n - 1 || c != 0)) {
          throw new IllegalArgumentException("the mouse starts bottom-left; 'M' at row " + r + " col " + c);
        }
      }
    }
    if (cheese == null) {
      throw new IllegalArgumentException("maze grid has no cheese ('C')");
    }
    Maze maze = new Maze(walls, n, cheese, null);
    if (maze.isWall(maze.mouseStart())) {
      throw new IllegalArgumentException("the mouse's start (bottom-left square) is a wall");
    }
    if (maze.isWall(maze.topRight())) {
      throw new IllegalArgumentException("the top-right square is a wall");
    }
    if (cheese.equals(maze.mouseStart())) {
      throw new IllegalArgumentException("the cheese is on the mouse's start square");
    }
    PathFinder paths = new PathFinder(maze);
    if (paths.distances(cheese)[maze.mouseStart().row()][maze.mouseStart().col()] < 0) {
      throw new IllegalArgumentException("the cheese at " + cheese + " cannot be reached from the mouse's start");
    }
    return maze;
  }
}

package dev.kibitz.games.maze.view;

import dev.kibitz.games.maze.Maze;
import dev.kibitz.games.maze.PathFinder;
import dev.kibitz.games.maze.Square;
import java.awt.Color;
import java.util.List;
import java.util.Optional;

/**
 * One maze picture: the maze's own square with a one-square wall border, its landmarks, an arrow
 * per square and the optional title and rollout path. Shared by the single-field, diff and
 * trajectory views so they all look alike.
 */
record MazePanel(Maze maze, List<Arrow> arrows, Color arrowColor, Decorations decorations, int pixelsPerSquare)
    implements Drawing {

  /** Height of the title band above a titled panel, in pixels. */
  static final int TITLE_BAND = 24;
  static final int MIN_PIXELS_PER_SQUARE = 4;
  static final int MAX_PIXELS_PER_SQUARE = 256;
  /** A unit vector's arrow spans this fraction of a square, centred on it. */
  static final double ARROW_SCALE = 0.85;

  static final Color WALL = new Color(0x2b, 0x2b, 0x2b);
  static final Color FREE = new Color(0xf4, 0xf1, 0xe8);
  static final Color MOUSE_START = new Color(0x9e, 0xc1, 0xe6);
  static final Color DECISION = new Color(0xf6, 0xc4, 0xc4);
  static final Color TOP_RIGHT = new Color(0x8e, 0x44, 0xad);
  static final Color CHEESE = new Color(0xf5, 0xa6, 0x23);
  static final Color FIELD_ARROW = new Color(0x1f, 0x3a, 0x93);
  static final Color DIFF_ARROW = new Color(0xd6, 0x27, 0x28);
  static final Color ROLLOUT = new Color(0x2c, 0xa0, 0x2c, 200);
  static final Color TEXT = new Color(0x22, 0x22, 0x22);
  static final Color TARGET = new Color(0xe0, 0x1b, 0x84);

  MazePanel {
    checkPixelsPerSquare(pixelsPerSquare);
    arrows = List.copyOf(arrows);
    decorations.rollout().ifPresent(r -> {
      for (Square s : r.squares()) {
        if (maze.isWall(s)) {
          throw new IllegalArgumentException("rollout square " + s + " is a wall in the maze drawn");
        }
      }
    });
  }

  static void checkPixelsPerSquare(int pixelsPerSquare) {
    if (pixelsPerSquare < MIN_PIXELS_PER_SQUARE || pixelsPerSquare > MAX_PIXELS_PER_SQUARE) {
      throw new IllegalArgumentException("pixels per square must be in [" + MIN_PIXELS_PER_SQUARE + ", "
          + MAX_PIXELS_PER_SQUARE + "], got " + pixelsPerSquare);
    }
  }

  static int side(Maze maze, int pixelsPerSquare) {
    return (maze.size() + 2) * pixelsPerSquare;
  }

  @Override
  public int width() {
    return side(maze, pixelsPerSquare);
  }

  @Override
  public int height() {
    return side(maze, pixelsPerSquare) + (decorations.title().isPresent() ? TITLE_BAND : 0);
  }

  @Override
  public void draw(Canvas canvas) {
    drawAt(canvas, 0, 0);
  }

  void drawAt(Canvas c, double ox, double oy) {
    int p = pixelsPerSquare;
    double top = oy + (decorations.title().isPresent() ? TITLE_BAND : 0);
    decorations.title().ifPresent(t -> c.text("title", ox + width() / 2.0, oy + TITLE_BAND - 7, t, 14, TEXT,
        Canvas.Anchor.MIDDLE, false));
    c.fillRect("walls", ox, top, width(), width(), WALL);
    Optional<Square> decision = new PathFinder(maze).decisionSquare();
    for (Square s : maze.freeSquares()) {
      boolean split = decision.filter(s::equals).isPresent();
      c.fillRect(split ? "decision-square" : "free", x(ox, s.col()), y(top, s.row()), p, p, split ? DECISION : FREE);
    }
    double outline = Math.max(1.5, p / 10.0);
    Square tr = maze.topRight();
    c.strokeRect("top-right", x(ox, tr.col()) + outline / 2, y(top, tr.row()) + outline / 2, p - outline,
        p - outline, TOP_RIGHT, outline);
    Square cheese = maze.cheese();
    c.fillCircle("cheese", x(ox, cheese.col()) + p / 2.0, y(top, cheese.row()) + p / 2.0, 0.38 * p, CHEESE);
    Square start = maze.mouseStart();
    c.fillCircle("mouse-start", x(ox, start.col()) + p / 2.0, y(top, start.row()) + p / 2.0, 0.3 * p, MOUSE_START);
    double width = Math.max(1, p / 14.0);
    double head = Math.max(3, 0.3 * p);
    for (Arrow a : arrows) {
      if (!a.isZero()) {
        double cx = x(ox, a.square().col()) + p / 2.0;
        double cy = y(top, a.square().row()) + p / 2.0;
        double hx = a.dx() * ARROW_SCALE * p / 2;
        double hy = a.dy() * ARROW_SCALE * p / 2;
        c.arrow("arrow", cx - hx, cy - hy, cx + hx, cy + hy, arrowColor, width, head);
      }
    }
    decorations.target().ifPresent(t -> c.strokeRect("target", x(ox, t.col()) + 1.5, y(top, t.row()) + 1.5, p - 3,
        p - 3, TARGET, Math.max(2, p / 8.0)));
    decorations.rollout().ifPresent(r -> {
      List<Square> path = r.squares();
      double[] xs = new double[path.size()];
      double[] ys = new double[path.size()];
      for (int i = 0; i < path.size(); i++) {
        xs[i] = x(ox, path.get(i).col()) + p / 2.0;
        ys[i] = y(top, path.get(i).row()) + p / 2.0;
      }
      c.polyline("rollout", xs, ys, ROLLOUT, Math.max(1.5, p / 6.0));
    });
  }

  /** Left edge of grid column {@code col}: the maze's first column sits one square in. */
  private double x(double ox, int col) {
    return ox + (col - maze.offset() + 1) * pixelsPerSquare;
  }

  private double y(double top, int row) {
    return top + (row - maze.offset() + 1) * pixelsPerSquare;
  }
}

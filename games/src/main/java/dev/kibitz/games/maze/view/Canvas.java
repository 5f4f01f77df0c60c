package dev.kibitz.games.maze.view;

import java.awt.Color;

/**
 * The few drawing primitives the views need, so each view is drawn once and written as PNG
 * ({@link PngCanvas}) or SVG ({@link SvgCanvas}). Coordinates are pixels, y down. {@code role}
 * names what an element is (SVG writes it as the class attribute; PNG ignores it).
 */
interface Canvas {

  enum Anchor { START, MIDDLE, END }

  void fillRect(String role, double x, double y, double w, double h, Color fill);

  void strokeRect(String role, double x, double y, double w, double h, Color stroke, double width);

  void fillCircle(String role, double cx, double cy, double r, Color fill);

  void line(String role, double x1, double y1, double x2, double y2, Color stroke, double width);

  void polyline(String role, double[] xs, double[] ys, Color stroke, double width);

  /** A shaft from tail to tip with a filled head of about {@code head} pixels: one element. */
  void arrow(String role, double x1, double y1, double x2, double y2, Color color, double width, double head);

  /** Text with its baseline at y; vertical text reads bottom to top, anchored about (x, y). */
  void text(String role, double x, double y, String text, double size, Color color, Anchor anchor, boolean vertical);

  /**
   * An arrow's head triangle (tip, left, right) and where the shaft stops (base); the head
   * shrinks on short arrows so it never outgrows the arrow.
   */
  record ArrowHead(double baseX, double baseY, double leftX, double leftY, double rightX, double rightY) {
    static ArrowHead of(double x1, double y1, double x2, double y2, double head) {
      double len = Math.hypot(x2 - x1, y2 - y1);
      double h = Math.min(head, 0.6 * len);
      double ux = (x2 - x1) / len;
      double uy = (y2 - y1) / len;
      double bx = x2 - ux * h;
      double by = y2 - uy * h;
      double half = 0.5 * h;
      return new ArrowHead(bx, by, bx - uy * half, by + ux * half, bx + uy * half, by - ux * half);
    }
  }
}

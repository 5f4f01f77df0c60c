package dev.kibitz.games.maze.view;

import dev.kibitz.games.maze.Square;

/**
 * One arrow of a vector field view: a vector anchored at a square, in grid terms (dx to the
 * right, dy down, so UP is dy = -1). A net probability vector has length at most 1; a diff
 * arrow at most 2.
 */
public record Arrow(Square square, double dx, double dy) {

  public double length() {
    return Math.hypot(dx, dy);
  }

  /** Exactly zero: such arrows are not drawn. */
  public boolean isZero() {
    return dx == 0 && dy == 0;
  }
}

package dev.kibitz.games.maze.view;

/** A picture of known size that can draw itself on any {@link Canvas}. */
interface Drawing {
  int width();

  int height();

  void draw(Canvas canvas);
}

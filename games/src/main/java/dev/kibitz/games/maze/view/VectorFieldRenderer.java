package dev.kibitz.games.maze.view;

import dev.kibitz.games.maze.Maze;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

/**
 * Draws a {@link VectorField} (navy arrows) or a {@link VectorFieldDiff} (red arrows) over its
 * maze, as PNG or SVG. The picture shows the maze's own square inside a one-square wall border
 * (not the rest of the 25x25 padding): walls dark, free squares light, the cheese an orange disc,
 * the mouse's start a blue disc, the top-right square outlined in purple and the decision square,
 * if the maze has one, tinted pink. Each non-zero arrow is centred on its square and a unit vector
 * spans 0.85 of a square, so lengths compare across squares and views.
 *
 * <p>Image size, with n = maze.size() and p = pixelsPerSquare (4..256):
 * <pre>
 *   width  = (n + 2) * p
 *   height = (n + 2) * p + (titled ? 24 : 0)
 * </pre>
 */
public final class VectorFieldRenderer {
  /** Pixels the title band adds on top, when there is a title. */
  public static final int TITLE_BAND = MazePanel.TITLE_BAND;

  private VectorFieldRenderer() {}

  public static int width(Maze maze, int pixelsPerSquare) {
    MazePanel.checkPixelsPerSquare(pixelsPerSquare);
    return MazePanel.side(maze, pixelsPerSquare);
  }

  public static int height(Maze maze, int pixelsPerSquare, boolean titled) {
    return width(maze, pixelsPerSquare) + (titled ? TITLE_BAND : 0);
  }

  public static BufferedImage image(VectorField field, int pixelsPerSquare, Decorations decorations) {
    return PngCanvas.render(panel(field, pixelsPerSquare, decorations));
  }

  public static BufferedImage image(VectorFieldDiff diff, int pixelsPerSquare, Decorations decorations) {
    return PngCanvas.render(panel(diff, pixelsPerSquare, decorations));
  }

  public static String svg(VectorField field, int pixelsPerSquare, Decorations decorations) {
    return SvgCanvas.render(panel(field, pixelsPerSquare, decorations));
  }

  public static String svg(VectorFieldDiff diff, int pixelsPerSquare, Decorations decorations) {
    return SvgCanvas.render(panel(diff, pixelsPerSquare, decorations));
  }

  public static void writePng(VectorField field, Path out, int pixelsPerSquare) {
    writePng(field, out, pixelsPerSquare, Decorations.NONE);
  }

  public static void writePng(VectorField field, Path out, int pixelsPerSquare, Decorations decorations) {
    PngCanvas.write(panel(field, pixelsPerSquare, decorations), out);
  }

  public static void writeSvg(VectorField field, Path out, int pixelsPerSquare) {
    writeSvg(field, out, pixelsPerSquare, Decorations.NONE);
  }

  public static void writeSvg(VectorField field, Path out, int pixelsPerSquare, Decorations decorations) {
    SvgCanvas.write(panel(field, pixelsPerSquare, decorations), out);
  }

  public static void writeDiffPng(VectorFieldDiff diff, Path out, int pixelsPerSquare) {
    writeDiffPng(diff, out, pixelsPerSquare, Decorations.NONE);
  }

  public static void writeDiffPng(VectorFieldDiff diff, Path out, int pixelsPerSquare, Decorations decorations) {
    PngCanvas.write(panel(diff, pixelsPerSquare, decorations), out);
  }

  public static void writeDiffSvg(VectorFieldDiff diff, Path out, int pixelsPerSquare) {
    writeDiffSvg(diff, out, pixelsPerSquare, Decorations.NONE);
  }

  public static void writeDiffSvg(VectorFieldDiff diff, Path out, int pixelsPerSquare, Decorations decorations) {
    SvgCanvas.write(panel(diff, pixelsPerSquare, decorations), out);
  }

  static MazePanel panel(VectorField field, int pixelsPerSquare, Decorations decorations) {
    return new MazePanel(field.maze(), field.arrows(), MazePanel.FIELD_ARROW, decorations, pixelsPerSquare);
  }

  static MazePanel panel(VectorFieldDiff diff, int pixelsPerSquare, Decorations decorations) {
    return new MazePanel(diff.maze(), diff.arrows(), MazePanel.DIFF_ARROW, decorations, pixelsPerSquare);
  }
}

package dev.kibitz.games.maze.view;

import dev.kibitz.games.maze.Maze;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How a policy's behaviour on one maze changed over training: its vector field at each labelled
 * checkpoint, as titled panels laid out left to right, top to bottom, in the given order.
 *
 * <p>Image size, with k checkpoints in c columns (c = k unless given; capped at k), r = ceil(k / c)
 * rows, n = maze.size() and p = pixelsPerSquare (4..256):
 * <pre>
 *   width  = c * (n + 2) * p
 *   height = r * ((n + 2) * p + 24)
 * </pre>
 */
public final class TrajectoryFigure {

  /** One panel: a label such as "step 40000", the field, and optionally a rollout drawn on it. */
  public record Checkpoint(String label, VectorField field, Optional<Rollout> rollout) {
    public Checkpoint(String label, VectorField field) {
      this(label, field, Optional.empty());
    }
  }

  private TrajectoryFigure() {}

  public static int width(Maze maze, int pixelsPerSquare, int checkpoints, int columns) {
    return columns(checkpoints, columns) * VectorFieldRenderer.width(maze, pixelsPerSquare);
  }

  public static int height(Maze maze, int pixelsPerSquare, int checkpoints, int columns) {
    int cols = columns(checkpoints, columns);
    int rows = (checkpoints + cols - 1) / cols;
    return rows * VectorFieldRenderer.height(maze, pixelsPerSquare, true);
  }

  public static BufferedImage image(List<Checkpoint> checkpoints, int pixelsPerSquare, int columns) {
    return PngCanvas.render(drawing(checkpoints, pixelsPerSquare, columns));
  }

  public static String svg(List<Checkpoint> checkpoints, int pixelsPerSquare, int columns) {
    return SvgCanvas.render(drawing(checkpoints, pixelsPerSquare, columns));
  }

  /** All checkpoints in one row. */
  public static void writePng(List<Checkpoint> checkpoints, Path out, int pixelsPerSquare) {
    writePng(checkpoints, out, pixelsPerSquare, checkpoints.size());
  }

  public static void writePng(List<Checkpoint> checkpoints, Path out, int pixelsPerSquare, int columns) {
    PngCanvas.write(drawing(checkpoints, pixelsPerSquare, columns), out);
  }

  /** All checkpoints in one row. */
  public static void writeSvg(List<Checkpoint> checkpoints, Path out, int pixelsPerSquare) {
    writeSvg(checkpoints, out, pixelsPerSquare, checkpoints.size());
  }

  public static void writeSvg(List<Checkpoint> checkpoints, Path out, int pixelsPerSquare, int columns) {
    SvgCanvas.write(drawing(checkpoints, pixelsPerSquare, columns), out);
  }

  private static int columns(int checkpoints, int columns) {
    if (checkpoints < 1) {
      throw new IllegalArgumentException("a trajectory figure needs at least one checkpoint");
    }
    if (columns < 1) {
      throw new IllegalArgumentException("columns must be >= 1, got " + columns);
    }
    return Math.min(columns, checkpoints);
  }

  private static Drawing drawing(List<Checkpoint> checkpoints, int pixelsPerSquare, int columns) {
    int cols = columns(checkpoints.size(), columns);
    Maze maze = checkpoints.get(0).field().maze();
    for (Checkpoint cp : checkpoints) {
      Maze other = cp.field().maze();
      if (!VectorField.sameWalls(maze, other) || !maze.cheese().equals(other.cheese())) {
        throw new IllegalArgumentException("checkpoint '" + cp.label() + "' is on a different maze than '"
            + checkpoints.get(0).label() + "'; a trajectory figure shows one maze");
      }
    }
    List<MazePanel> panels = checkpoints.stream().map(cp -> VectorFieldRenderer.panel(cp.field(), pixelsPerSquare,
        new Decorations(Optional.of(cp.label()), cp.rollout()))).toList();
    int w = width(maze, pixelsPerSquare, checkpoints.size(), cols);
    int h = height(maze, pixelsPerSquare, checkpoints.size(), cols);
    return new Drawing() {
      @Override
      public int width() {
        return w;
      }

      @Override
      public int height() {
        return h;
      }

      @Override
      public void draw(Canvas canvas) {
        for (int i = 0; i < panels.size(); i++) {
          MazePanel panel = panels.get(i);
          panel.drawAt(canvas, (i % cols) * panel.width(), (i / cols) * panel.height());
        }
      }
    };
  }
}

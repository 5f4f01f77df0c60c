package dev.kibitz.games.maze.view;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

/**
 * A value per labelled x, as a line with a dot per value: say P(cheese action) at the decision
 * square across checkpoints. Y ticks at round numbers ({@link Ticks}; [0, 1] for probabilities),
 * an x tick per value, labels thinned when they would crowd. The image is exactly the width and
 * height asked for ({@value #DEFAULT_WIDTH} x {@value #DEFAULT_HEIGHT} by default, at least
 * {@value #MIN_WIDTH} x {@value #MIN_HEIGHT}).
 */
public record LinePlot(String title, String xLabel, String yLabel, List<String> xs, List<Double> ys) {
  public static final int DEFAULT_WIDTH = 640;
  public static final int DEFAULT_HEIGHT = 400;
  public static final int MIN_WIDTH = 240;
  public static final int MIN_HEIGHT = 180;

  private static final int LEFT = 72;
  private static final int RIGHT = 24;
  private static final int TOP = 40;
  private static final int BOTTOM = 64;
  private static final Color AXIS = new Color(0x33, 0x33, 0x33);
  private static final Color GRID = new Color(0xe3, 0xe3, 0xe3);
  private static final Color SERIES = new Color(0x1f, 0x77, 0xb4);

  public LinePlot {
    xs = List.copyOf(xs);
    ys = List.copyOf(ys);
    if (xs.isEmpty() || xs.size() != ys.size()) {
      throw new IllegalArgumentException("a line plot needs one y per x and at least one of each, got "
          + xs.size() + " x labels and " + ys.size() + " values");
    }
    for (int i = 0; i < ys.size(); i++) {
      if (!Double.isFinite(ys.get(i))) {
        throw new IllegalArgumentException("line plot value at '" + xs.get(i) + "' is " + ys.get(i));
      }
    }
  }

  public BufferedImage image(int width, int height) {
    return PngCanvas.render(drawing(width, height));
  }

  public String svg(int width, int height) {
    return SvgCanvas.render(drawing(width, height));
  }

  public void writePng(Path out) {
    writePng(out, DEFAULT_WIDTH, DEFAULT_HEIGHT);
  }

  public void writePng(Path out, int width, int height) {
    PngCanvas.write(drawing(width, height), out);
  }

  public void writeSvg(Path out) {
    writeSvg(out, DEFAULT_WIDTH, DEFAULT_HEIGHT);
  }

  public void writeSvg(Path out, int width, int height) {
    SvgCanvas.write(drawing(width, height), out);
  }

  private Drawing drawing(int width, int height) {
    if (width < MIN_WIDTH || height < MIN_HEIGHT) {
      throw new IllegalArgumentException("line plot must be at least " + MIN_WIDTH + "x" + MIN_HEIGHT + ", got "
          + width + "x" + height);
    }
    return new Drawing() {
      @Override
      public int width() {
        return width;
      }

      @Override
      public int height() {
        return height;
      }

      @Override
      public void draw(Canvas c) {
        LinePlot.this.draw(c, width, height);
      }
    };
  }

  private void draw(Canvas c, int width, int height) {
    double left = LEFT;
    double right = width - RIGHT;
    double top = TOP;
    double bottom = height - BOTTOM;
    Ticks ticks = Ticks.covering(ys.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
        ys.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
    c.text("title", width / 2.0, TOP - 14, title, 15, AXIS, Canvas.Anchor.MIDDLE, false);
    for (double v : ticks.values()) {
      double y = bottom - ticks.fraction(v) * (bottom - top);
      c.line("grid", left, y, right, y, GRID, 1);
      c.line("tick", left - 5, y, left, y, AXIS, 1);
      c.text("tick-label", left - 8, y + 4, ticks.label(v), 11, AXIS, Canvas.Anchor.END, false);
    }
    double[] px = new double[xs.size()];
    double[] py = new double[xs.size()];
    int every = (int) Math.ceil(xs.size() / Math.max(1.0, Math.floor((right - left) / 56)));
    for (int i = 0; i < xs.size(); i++) {
      px[i] = xs.size() == 1 ? (left + right) / 2 : left + 20 + i * (right - left - 40) / (xs.size() - 1);
      py[i] = bottom - ticks.fraction(ys.get(i)) * (bottom - top);
      c.line("tick", px[i], bottom, px[i], bottom + 5, AXIS, 1);
      if (i % every == 0) {
        c.text("tick-label", px[i], bottom + 18, xs.get(i), 11, AXIS, Canvas.Anchor.MIDDLE, false);
      }
    }
    c.line("axis", left, top, left, bottom, AXIS, 1.5);
    c.line("axis", left, bottom, right, bottom, AXIS, 1.5);
    c.text("axis-label", (left + right) / 2, height - 16, xLabel, 13, AXIS, Canvas.Anchor.MIDDLE, false);
    c.text("axis-label", 20, (top + bottom) / 2, yLabel, 13, AXIS, Canvas.Anchor.MIDDLE, true);
    if (xs.size() > 1) {
      c.polyline("series", px, py, SERIES, 2);
    }
    for (int i = 0; i < px.length; i++) {
      c.fillCircle("point", px[i], py[i], 3.5, SERIES);
    }
  }
}

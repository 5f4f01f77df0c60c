package dev.kibitz.probe.report;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * One concept's probe scores as a grid: a row per hook (in model order), a column per conditioning
 * value (skill level), each cell coloured on a white-to-blue scale from {@code lo} to {@code hi} with
 * its value printed. A missing probe is NaN and drawn grey with "-". Flat rows across a row say the
 * concept is encoded equally at every skill level.
 */
public record Heatmap(String title, List<String> rows, List<String> columns, double[][] values, double lo,
    double hi) {
  static final int CELL_W = 72;
  static final int CELL_H = 32;
  static final int TOP = 56;
  static final int PAD = 12;
  static final Color MISSING = new Color(0xdd, 0xdd, 0xdd);
  private static final Color LOW = Color.WHITE;
  private static final Color HIGH = new Color(0x08, 0x30, 0x6b);

  public Heatmap {
    rows = List.copyOf(rows);
    columns = List.copyOf(columns);
    if (rows.isEmpty() || columns.isEmpty() || values.length != rows.size()) {
      throw new IllegalArgumentException("a heatmap needs at least one row and column and a value row per row label, "
          + "got " + rows.size() + " rows, " + columns.size() + " columns, " + values.length + " value rows");
    }
    for (double[] r : values) {
      if (r.length != columns.size()) {
        throw new IllegalArgumentException("heatmap value row has " + r.length + " cells for " + columns.size()
            + " columns");
      }
    }
    if (!(hi > lo)) {
      throw new IllegalArgumentException("heatmap scale needs lo < hi, got " + lo + " and " + hi);
    }
  }

  public int width() {
    return labelWidth() + columns.size() * CELL_W + PAD;
  }

  public int height() {
    return TOP + rows.size() * CELL_H + PAD;
  }

  public BufferedImage image() {
    return PngPainter.render(this);
  }

  public String svg() {
    return SvgPainter.render(this);
  }

  public void writePng(Path out) throws IOException {
    if (!ImageIO.write(image(), "png", out.toFile())) {
      throw new IOException("no PNG writer in this JVM for " + out);
    }
  }

  public void writeSvg(Path out) throws IOException {
    Files.writeString(out, svg(), StandardCharsets.UTF_8);
  }

  /** The cell colour: linear from white at lo to dark blue at hi, clamped. */
  public Color colour(double v) {
    if (Double.isNaN(v)) {
      return MISSING;
    }
    double t = Math.max(0, Math.min(1, (v - lo) / (hi - lo)));
    return new Color(mix(LOW.getRed(), HIGH.getRed(), t), mix(LOW.getGreen(), HIGH.getGreen(), t),
        mix(LOW.getBlue(), HIGH.getBlue(), t));
  }

  void paint(Painter p) {
    int left = labelWidth();
    p.text("title", width() / 2.0, 22, title, 14, Color.BLACK, true);
    for (int c = 0; c < columns.size(); c++) {
      p.text("column-label", left + (c + 0.5) * CELL_W, TOP - 10, columns.get(c), 11, Color.DARK_GRAY, true);
    }
    for (int r = 0; r < rows.size(); r++) {
      double y = TOP + r * CELL_H;
      p.text("row-label", left - 8, y + CELL_H / 2.0 + 4, rows.get(r), 11, Color.DARK_GRAY, false);
      for (int c = 0; c < columns.size(); c++) {
        double v = values[r][c];
        Color fill = colour(v);
        p.rect("cell", left + c * CELL_W, y, CELL_W - 1, CELL_H - 1, fill);
        String label = Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
        p.text("value", left + (c + 0.5) * CELL_W, y + CELL_H / 2.0 + 4, label, 11, ink(fill), true);
      }
    }
  }

  /** Row labels at about 7 px a character at 11 pt, so long hook names are not clipped. */
  private int labelWidth() {
    int longest = rows.stream().mapToInt(String::length).max().orElse(0);
    return PAD + 8 + 7 * longest;
  }

  /** Black on light cells, white on dark ones. */
  private static Color ink(Color fill) {
    double luminance = 0.299 * fill.getRed() + 0.587 * fill.getGreen() + 0.114 * fill.getBlue();
    return luminance > 140 ? Color.BLACK : Color.WHITE;
  }

  private static int mix(int a, int b, double t) {
    return (int) Math.round(a + (b - a) * t);
  }
}

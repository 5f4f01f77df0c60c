package dev.kibitz.sae.sweep;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * L0 (x) against FVU (y) per architecture, one coloured line of dots per series, as PNG (java.awt)
 * or SVG text. The maze LinePlot in games draws one series over categorical x with package-private
 * canvases, so it does not fit a numeric scatter; this stays small instead of reaching into games.
 */
public record ParetoPlot(String title, Map<String, List<double[]>> series, String yLabel) {

  /** L0 against FVU, the usual sparsity-fidelity frontier. */
  public ParetoPlot(String title, Map<String, List<double[]>> series) {
    this(title, series, "FVU");
  }

  private static final int W = 640;
  private static final int H = 420;
  private static final int LEFT = 70;
  private static final int RIGHT = 150;
  private static final int TOP = 40;
  private static final int BOTTOM = 56;
  private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
      new Color(0x9467bd), new Color(0xff7f0e)};

  private double[] range(int axis) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (List<double[]> pts : series.values()) {
      for (double[] p : pts) {
        lo = Math.min(lo, p[axis]);
        hi = Math.max(hi, p[axis]);
      }
    }
    if (!(hi > lo)) {
      hi = lo + 1;
    }
    double pad = (hi - lo) * 0.05;
    return new double[] {Math.max(0, lo - pad), hi + pad};
  }

  private double px(double x, double[] r) {
    return LEFT + (x - r[0]) / (r[1] - r[0]) * (W - LEFT - RIGHT);
  }

  private double py(double y, double[] r) {
    return H - BOTTOM - (y - r[0]) / (r[1] - r[0]) * (H - TOP - BOTTOM);
  }

  /** Each series' points sorted by L0, so lines read as frontiers. */
  private List<Map.Entry<String, List<double[]>>> sorted() {
    List<Map.Entry<String, List<double[]>>> out = new ArrayList<>();
    series.forEach((k, v) -> {
      List<double[]> pts = new ArrayList<>(v);
      pts.sort((a, b) -> Double.compare(a[0], b[0]));
      out.add(Map.entry(k, pts));
    });
    return out;
  }

  public void writePng(Path out) throws IOException {
    BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, W, H);
    double[] rx = range(0);
    double[] ry = range(1);
    g.setColor(Color.DARK_GRAY);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    g.drawLine(LEFT, H - BOTTOM, W - RIGHT, H - BOTTOM);
    g.drawLine(LEFT, TOP, LEFT, H - BOTTOM);
    for (int i = 0; i <= 4; i++) {
      double vx = rx[0] + i * (rx[1] - rx[0]) / 4;
      double vy = ry[0] + i * (ry[1] - ry[0]) / 4;
      g.drawString(fmt(vx), (int) px(vx, rx) - 12, H - BOTTOM + 18);
      g.drawString(fmt(vy), 8, (int) py(vy, ry) + 4);
    }
    g.drawString("mean L0", (W - RIGHT + LEFT) / 2 - 24, H - 14);
    g.drawString(yLabel, 8, TOP - 12);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    g.drawString(title, LEFT, 22);
    g.setStroke(new BasicStroke(2f));
    int s = 0;
    for (Map.Entry<String, List<double[]>> e : sorted()) {
      g.setColor(PALETTE[s % PALETTE.length]);
      double[] prev = null;
      for (double[] p : e.getValue()) {
        int x = (int) px(p[0], rx);
        int y = (int) py(p[1], ry);
        if (prev != null) {
          g.drawLine((int) px(prev[0], rx), (int) py(prev[1], ry), x, y);
        }
        g.fillOval(x - 4, y - 4, 8, 8);
        prev = p;
      }
      g.drawString(e.getKey(), W - RIGHT + 16, TOP + 20 + 20 * s);
      s++;
    }
    g.dispose();
    ImageIO.write(img, "png", out.toFile());
  }

  public String svg() {
    double[] rx = range(0);
    double[] ry = range(1);
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\">%n",
        W, H));
    b.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", W, H));
    b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"14\" font-weight=\"bold\">%s</text>%n",
        LEFT, escape(title)));
    b.append(String.format(Locale.ROOT, "<path d=\"M%d %d V%d H%d\" stroke=\"#333\" fill=\"none\"/>%n", LEFT, TOP,
        H - BOTTOM, W - RIGHT));
    for (int i = 0; i <= 4; i++) {
      double vx = rx[0] + i * (rx[1] - rx[0]) / 4;
      double vy = ry[0] + i * (ry[1] - ry[0]) / 4;
      b.append(String.format(Locale.ROOT,
          "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s</text>%n", px(vx, rx),
          H - BOTTOM + 18, fmt(vx)));
      b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%s</text>%n",
          LEFT - 6, py(vy, ry) + 4, fmt(vy)));
    }
    b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\">mean L0</text>%n",
        (W - RIGHT + LEFT) / 2 - 24, H - 14));
    b.append(String.format(Locale.ROOT, "<text x=\"8\" y=\"%d\" font-size=\"12\">%s</text>%n", TOP - 12,
        escape(yLabel)));
    int s = 0;
    for (Map.Entry<String, List<double[]>> e : sorted()) {
      String color = String.format("#%06x", PALETTE[s % PALETTE.length].getRGB() & 0xffffff);
      StringBuilder pts = new StringBuilder();
      for (double[] p : e.getValue()) {
        pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", px(p[0], rx), py(p[1], ry)));
        b.append(String.format(Locale.ROOT,
            "<circle class=\"point\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"/>%n", px(p[0], rx),
            py(p[1], ry), color));
      }
      b.append(String.format(Locale.ROOT, "<polyline points=\"%s\" stroke=\"%s\" stroke-width=\"2\" fill=\"none\"/>%n",
          pts.toString().trim(), color));
      b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" fill=\"%s\">%s</text>%n",
          W - RIGHT + 16, TOP + 20 + 20 * s, color, escape(e.getKey())));
      s++;
    }
    return b.append("</svg>\n").toString();
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, Math.abs(v) >= 10 ? "%.0f" : "%.2f", v);
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}

package dev.kibitz.probe.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;

/** {@link Painter} over an off-screen image; needs no display and touches no JVM-wide state. */
final class PngPainter implements Painter {
  private final Graphics2D g;

  private PngPainter(Graphics2D g) {
    this.g = g;
  }

  static BufferedImage render(Heatmap map) {
    BufferedImage image = new BufferedImage(map.width(), map.height(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, map.width(), map.height());
      map.paint(new PngPainter(g));
    } finally {
      g.dispose();
    }
    return image;
  }

  @Override
  public void rect(String role, double x, double y, double w, double h, Color fill) {
    g.setColor(fill);
    g.fill(new Rectangle2D.Double(x, y, w, h));
  }

  @Override
  public void text(String role, double x, double y, String text, double size, Color color, boolean centred) {
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, (int) Math.round(size)));
    g.setColor(color);
    int w = g.getFontMetrics().stringWidth(text);
    g.drawString(text, (float) (centred ? x - w / 2.0 : x - w), (float) y);
  }
}

package dev.kibitz.games.maze.view;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * {@link Canvas} over an off-screen BufferedImage. Needs no display: only this image's own
 * Graphics2D is configured, nothing JVM-wide.
 */
final class PngCanvas implements Canvas {
  private final Graphics2D g;

  private PngCanvas(Graphics2D g) {
    this.g = g;
  }

  static BufferedImage render(Drawing drawing) {
    BufferedImage image = new BufferedImage(drawing.width(), drawing.height(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, drawing.width(), drawing.height());
      drawing.draw(new PngCanvas(g));
    } finally {
      g.dispose();
    }
    return image;
  }

  static void write(Drawing drawing, Path out) {
    try {
      if (!ImageIO.write(render(drawing), "png", out.toFile())) {
        throw new IllegalStateException("no PNG writer available in this JVM");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing PNG " + out, e);
    }
  }

  @Override
  public void fillRect(String role, double x, double y, double w, double h, Color fill) {
    g.setColor(fill);
    g.fill(new Rectangle2D.Double(x, y, w, h));
  }

  @Override
  public void strokeRect(String role, double x, double y, double w, double h, Color stroke, double width) {
    g.setColor(stroke);
    g.setStroke(new BasicStroke((float) width));
    g.draw(new Rectangle2D.Double(x, y, w, h));
  }

  @Override
  public void fillCircle(String role, double cx, double cy, double r, Color fill) {
    g.setColor(fill);
    g.fill(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r));
  }

  @Override
  public void line(String role, double x1, double y1, double x2, double y2, Color stroke, double width) {
    g.setColor(stroke);
    g.setStroke(new BasicStroke((float) width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
    g.draw(new Line2D.Double(x1, y1, x2, y2));
  }

  @Override
  public void polyline(String role, double[] xs, double[] ys, Color stroke, double width) {
    Path2D.Double p = new Path2D.Double();
    p.moveTo(xs[0], ys[0]);
    for (int i = 1; i < xs.length; i++) {
      p.lineTo(xs[i], ys[i]);
    }
    g.setColor(stroke);
    g.setStroke(new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    g.draw(p);
  }

  @Override
  public void arrow(String role, double x1, double y1, double x2, double y2, Color color, double width, double head) {
    ArrowHead h = ArrowHead.of(x1, y1, x2, y2, head);
    line(role, x1, y1, h.baseX(), h.baseY(), color, width);
    Path2D.Double tri = new Path2D.Double();
    tri.moveTo(x2, y2);
    tri.lineTo(h.leftX(), h.leftY());
    tri.lineTo(h.rightX(), h.rightY());
    tri.closePath();
    g.fill(tri);
  }

  @Override
  public void text(String role, double x, double y, String text, double size, Color color, Anchor anchor,
      boolean vertical) {
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, (int) Math.round(size)));
    g.setColor(color);
    double w = g.getFontMetrics().stringWidth(text);
    double shift = switch (anchor) {
      case START -> 0;
      case MIDDLE -> -w / 2;
      case END -> -w;
    };
    AffineTransform saved = g.getTransform();
    g.translate(x, y);
    if (vertical) {
      g.rotate(-Math.PI / 2);
    }
    g.drawString(text, (float) shift, 0f);
    g.setTransform(saved);
  }
}

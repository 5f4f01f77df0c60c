package dev.kibitz.games.maze.view;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@link Canvas} that writes SVG 1.1 text: one element per primitive, its role as the class
 * attribute, so tests and scripts can count arrows or find the rollout path.
 */
final class SvgCanvas implements Canvas {
  private final StringBuilder out = new StringBuilder();

  static String render(Drawing drawing) {
    SvgCanvas c = new SvgCanvas();
    String w = Integer.toString(drawing.width());
    String h = Integer.toString(drawing.height());
    c.out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"").append(w)
        .append("\" height=\"").append(h).append("\" viewBox=\"0 0 ").append(w).append(' ').append(h)
        .append("\" font-family=\"sans-serif\">\n");
    c.fillRect("background", 0, 0, drawing.width(), drawing.height(), Color.WHITE);
    drawing.draw(c);
    c.out.append("</svg>\n");
    return c.out.toString();
  }

  static void write(Drawing drawing, Path out) {
    try {
      Files.writeString(out, render(drawing), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("writing SVG " + out, e);
    }
  }

  @Override
  public void fillRect(String role, double x, double y, double w, double h, Color fill) {
    open("rect", role).attr("x", x).attr("y", y).attr("width", w).attr("height", h).fill(fill).close();
  }

  @Override
  public void strokeRect(String role, double x, double y, double w, double h, Color stroke, double width) {
    open("rect", role).attr("x", x).attr("y", y).attr("width", w).attr("height", h)
        .attr("fill", "none").stroke(stroke, width).close();
  }

  @Override
  public void fillCircle(String role, double cx, double cy, double r, Color fill) {
    open("circle", role).attr("cx", cx).attr("cy", cy).attr("r", r).fill(fill).close();
  }

  @Override
  public void line(String role, double x1, double y1, double x2, double y2, Color stroke, double width) {
    open("line", role).attr("x1", x1).attr("y1", y1).attr("x2", x2).attr("y2", y2).stroke(stroke, width).close();
  }

  @Override
  public void polyline(String role, double[] xs, double[] ys, Color stroke, double width) {
    StringBuilder points = new StringBuilder();
    for (int i = 0; i < xs.length; i++) {
      points.append(i == 0 ? "" : " ").append(num(xs[i])).append(',').append(num(ys[i]));
    }
    open("polyline", role).attr("points", points.toString()).attr("fill", "none").stroke(stroke, width)
        .attr("stroke-linecap", "round").attr("stroke-linejoin", "round").close();
  }

  @Override
  public void arrow(String role, double x1, double y1, double x2, double y2, Color color, double width, double head) {
    ArrowHead h = ArrowHead.of(x1, y1, x2, y2, head);
    String d = "M" + num(x1) + " " + num(y1) + " L" + num(h.baseX()) + " " + num(h.baseY())
        + " M" + num(x2) + " " + num(y2) + " L" + num(h.leftX()) + " " + num(h.leftY())
        + " L" + num(h.rightX()) + " " + num(h.rightY()) + " Z";
    open("path", role).attr("d", d).fill(color).stroke(color, width).close();
  }

  @Override
  public void text(String role, double x, double y, String text, double size, Color color, Anchor anchor,
      boolean vertical) {
    open("text", role).attr("x", x).attr("y", y).attr("font-size", size).fill(color)
        .attr("text-anchor", anchor == Anchor.START ? "start" : anchor == Anchor.MIDDLE ? "middle" : "end");
    if (vertical) {
      attr("transform", "rotate(-90 " + num(x) + " " + num(y) + ")");
    }
    out.append('>').append(escape(text)).append("</text>\n");
  }

  private SvgCanvas open(String element, String role) {
    out.append('<').append(element);
    return attr("class", role);
  }

  private SvgCanvas attr(String name, double value) {
    return attr(name, num(value));
  }

  private SvgCanvas attr(String name, String value) {
    out.append(' ').append(name).append("=\"").append(escape(value)).append('"');
    return this;
  }

  private SvgCanvas fill(Color c) {
    attr("fill", hex(c));
    return c.getAlpha() == 255 ? this : attr("fill-opacity", c.getAlpha() / 255.0);
  }

  private SvgCanvas stroke(Color c, double width) {
    attr("stroke", hex(c)).attr("stroke-width", width);
    return c.getAlpha() == 255 ? this : attr("stroke-opacity", c.getAlpha() / 255.0);
  }

  private void close() {
    out.append("/>\n");
  }

  private static String hex(Color c) {
    return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
  }

  /** Two decimals at most, no trailing zeros, never a locale's comma. */
  static String num(double v) {
    String s = String.format(Locale.ROOT, "%.2f", v);
    s = s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    return s.equals("-0") ? "0" : s;
  }

  /** XML-escapes, dropping control characters XML 1.0 cannot hold. */
  private static String escape(String s) {
    return s.replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]", "")
        .replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}

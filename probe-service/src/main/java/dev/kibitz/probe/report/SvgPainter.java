package dev.kibitz.probe.report;

import java.awt.Color;
import java.util.Locale;

/** {@link Painter} writing SVG 1.1 text, one element per primitive with its role as the class. */
final class SvgPainter implements Painter {
  private final StringBuilder out = new StringBuilder();

  static String render(Heatmap map) {
    SvgPainter p = new SvgPainter();
    p.out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\"")
        .append(" width=\"").append(map.width()).append("\" height=\"").append(map.height())
        .append("\" viewBox=\"0 0 ").append(map.width()).append(' ').append(map.height())
        .append("\" font-family=\"sans-serif\">\n");
    p.rect("background", 0, 0, map.width(), map.height(), Color.WHITE);
    map.paint(p);
    return p.out.append("</svg>\n").toString();
  }

  @Override
  public void rect(String role, double x, double y, double w, double h, Color fill) {
    out.append(String.format(Locale.ROOT, "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
        + "fill=\"%s\"/>%n", escape(role), x, y, w, h, hex(fill)));
  }

  @Override
  public void text(String role, double x, double y, String text, double size, Color color, boolean centred) {
    out.append(String.format(Locale.ROOT, "<text class=\"%s\" x=\"%.1f\" y=\"%.1f\" font-size=\"%.1f\" fill=\"%s\" "
        + "text-anchor=\"%s\">%s</text>%n", escape(role), x, y, size, hex(color), centred ? "middle" : "end",
        escape(text)));
  }

  private static String hex(Color c) {
    return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
  }

  private static String escape(String s) {
    return s.replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]", "").replace("&", "&amp;").replace("<", "&lt;")
        .replace(">", "&gt;").replace("\"", "&quot;");
  }
}

package dev.kibitz.probe.report;

import java.awt.Color;

/**
 * The two primitives a heatmap needs, so it is laid out once and written as PNG ({@link PngPainter})
 * or SVG ({@link SvgPainter}). Pixels, y down; {@code role} becomes the SVG class so tests and
 * scripts can find cells. (games' maze view has a richer canvas, package-private to the maze figures.)
 */
interface Painter {

  void rect(String role, double x, double y, double w, double h, Color fill);

  /** Text with its baseline at y, centred on x when {@code centred}, else ending at x. */
  void text(String role, double x, double y, String text, double size, Color color, boolean centred);
}

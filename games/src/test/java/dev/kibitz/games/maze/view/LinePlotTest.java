package dev.kibitz.games.maze.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class LinePlotTest {
  @TempDir
  Path dir;

  private static final LinePlot CHEESE_PROBABILITY = new LinePlot("P(cheese action) at the decision square",
      "checkpoint", "probability", List.of("0", "1k", "2k", "3k", "4k"), List.of(0.2, 0.25, 0.5, 0.8, 0.95));

  @Test
  void pngAndSvgHaveExactlyTheAskedSize() throws Exception {
    Path png = dir.resolve("plot.png");
    Path svg = dir.resolve("plot.svg");
    CHEESE_PROBABILITY.writePng(png);
    CHEESE_PROBABILITY.writeSvg(svg, 500, 300);
    ImageFiles.readPng(png, 640, 400);
    Document doc = ImageFiles.readSvg(svg, 500, 300);
    assertEquals(5, ImageFiles.count(doc, "point"));
    assertEquals(1, ImageFiles.count(doc, "series"));
    assertEquals(2, ImageFiles.count(doc, "axis"));
    // Probability axis 0, 0.2, ..., 1: six y ticks, plus one x tick per value.
    assertEquals(6 + 5, ImageFiles.count(doc, "tick"));
    assertEquals(2, ImageFiles.count(doc, "axis-label"));
  }

  @Test
  void aSinglePointIsADotWithoutALine() throws Exception {
    Path svg = dir.resolve("one.svg");
    new LinePlot("one", "x", "y", List.of("only"), List.of(3.0)).writeSvg(svg);
    Document doc = ImageFiles.readSvg(svg, 640, 400);
    assertEquals(1, ImageFiles.count(doc, "point"));
    assertEquals(0, ImageFiles.count(doc, "series"));
  }

  @Test
  void probabilitiesGetTheUnitAxisAndOtherValuesRoundTicks() {
    assertEquals(new Ticks(0, 1, 0.2), Ticks.covering(0.2, 0.95));
    assertEquals(List.of("0.0", "0.2", "0.4", "0.6", "0.8", "1.0"),
        new Ticks(0, 1, 0.2).values().stream().map(new Ticks(0, 1, 0.2)::label).toList());
    assertEquals(new Ticks(0, 50, 10), Ticks.covering(3, 47));
    assertEquals(new Ticks(-4, 4, 2), Ticks.covering(-3.5, 3));
    assertEquals(new Ticks(1, 5, 1), Ticks.covering(3, 3));
    assertEquals("-2", new Ticks(-4, 4, 2).label(-2));
  }

  @Test
  void rejectsMismatchedOrNonFiniteData() {
    assertThrows(IllegalArgumentException.class, () -> new LinePlot("t", "x", "y", List.of("a"), List.of()));
    assertThrows(IllegalArgumentException.class, () -> new LinePlot("t", "x", "y", List.of(), List.of()));
    assertThrows(IllegalArgumentException.class,
        () -> new LinePlot("t", "x", "y", List.of("a"), List.of(Double.NaN)));
    assertThrows(IllegalArgumentException.class, () -> CHEESE_PROBABILITY.svg(100, 100));
  }
}

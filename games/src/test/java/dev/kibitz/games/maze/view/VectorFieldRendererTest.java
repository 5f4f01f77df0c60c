package dev.kibitz.games.maze.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kibitz.games.maze.CheeseRegion;
import dev.kibitz.games.maze.Maze;
import dev.kibitz.games.maze.MazePolicy;
import dev.kibitz.games.maze.MazeSpec;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class VectorFieldRendererTest {
  @TempDir
  Path dir;

  private static final Maze GENERATED = MazeSpec.Seeded.of(5, CheeseRegion.ANYWHERE).build();

  @Test
  void pngIsTheMazeSquarePlusABorderAtTheGivenScale() throws Exception {
    Maze maze = FakePolicies.smallMaze();
    Path png = dir.resolve("field.png");
    VectorFieldRenderer.writePng(VectorField.compute(maze, FakePolicies.oracle()), png, 20);
    BufferedImage image = ImageFiles.readPng(png, 140, 140);
    // Border and walls dark; the cheese square's centre orange; a free square's corner light.
    assertEquals(MazePanel.WALL.getRGB() & 0xffffff, ImageFiles.rgb(image, 2, 2));
    assertEquals(MazePanel.WALL.getRGB() & 0xffffff, ImageFiles.rgb(image, 2 * 20 + 10, 2 * 20 + 10));
    assertEquals(MazePanel.CHEESE.getRGB() & 0xffffff, ImageFiles.rgb(image, 3 * 20 + 10, 20 + 10));
    assertEquals(MazePanel.FREE.getRGB() & 0xffffff, ImageFiles.rgb(image, 20 + 1, 3 * 20 + 1));
    assertEquals((maze.size() + 2) * 20, VectorFieldRenderer.width(maze, 20));
  }

  @Test
  void titleAddsItsBandOnTop() throws Exception {
    VectorField field = VectorField.compute(GENERATED, FakePolicies.oracle());
    Path png = dir.resolve("titled.png");
    VectorFieldRenderer.writePng(field, png, 9, Decorations.titled("seed 5"));
    int side = (GENERATED.size() + 2) * 9;
    BufferedImage image = ImageFiles.readPng(png, side, side + 24);
    assertEquals(0xffffff, ImageFiles.rgb(image, 0, 0));
    assertEquals(MazePanel.WALL.getRGB() & 0xffffff, ImageFiles.rgb(image, 0, 24));
    assertEquals(side + 24, VectorFieldRenderer.height(GENERATED, 9, true));
    assertEquals(side, VectorFieldRenderer.height(GENERATED, 9, false));
  }

  @Test
  void svgHasTheSameSizeAndOneArrowPerNonZeroVector() throws Exception {
    Maze maze = GENERATED;
    // Waits on even columns, so those squares have no arrow.
    MazePolicy halfWaiting = (m, mice) -> {
      float[][] out = new float[mice.size()][];
      for (int i = 0; i < out.length; i++) {
        out[i] = mice.get(i).col() % 2 == 0 ? new float[] {0, 0, 0, 0, 1} : new float[] {0.3f, 0, 0, 0.2f, 0.5f};
      }
      return out;
    };
    VectorField field = VectorField.compute(maze, halfWaiting);
    long nonZero = field.arrows().stream().filter(a -> !a.isZero()).count();
    Path svg = dir.resolve("field.svg");
    VectorFieldRenderer.writeSvg(field, svg, 16);
    int side = (maze.size() + 2) * 16;
    Document doc = ImageFiles.readSvg(svg, side, side);
    assertEquals(nonZero, ImageFiles.count(doc, "arrow"));
    assertEquals(1, ImageFiles.count(doc, "cheese"));
    assertEquals(1, ImageFiles.count(doc, "mouse-start"));
    assertEquals(1, ImageFiles.count(doc, "top-right"));
    assertEquals(0, ImageFiles.count(doc, "rollout"));
  }

  @Test
  void oracleFieldHasAnArrowAtEveryFreeSquareButTheCheese() throws Exception {
    VectorField field = VectorField.compute(GENERATED, FakePolicies.oracle());
    Path svg = dir.resolve("oracle.svg");
    VectorFieldRenderer.writeSvg(field, svg, 10, Decorations.titled("oracle <&> \"seed\" 5"));
    int side = (GENERATED.size() + 2) * 10;
    Document doc = ImageFiles.readSvg(svg, side, side + 24);
    assertEquals(GENERATED.freeSquares().size() - 1, ImageFiles.count(doc, "arrow"));
    assertEquals("oracle <&> \"seed\" 5", doc.getElementsByTagName("text").item(0).getTextContent());
  }

  @Test
  void diffViewsDrawOnlyTheChangedSquares() throws Exception {
    Maze maze = FakePolicies.smallMaze();
    VectorField before = VectorField.compute(maze, FakePolicies.oracle());
    // Same policy except at the start square, where it now goes right.
    VectorField after = VectorField.compute(maze, (m, mice) -> {
      float[][] out = FakePolicies.oracle().actionProbabilities(m, mice);
      out[mice.indexOf(m.mouseStart())] = new float[] {0, 0, 0, 1, 0};
      return out;
    });
    VectorFieldDiff diff = VectorField.diff(before, after);
    Path svg = dir.resolve("diff.svg");
    Path png = dir.resolve("diff.png");
    VectorFieldRenderer.writeDiffSvg(diff, svg, 12);
    VectorFieldRenderer.writeDiffPng(diff, png, 12, Decorations.titled("patched - unpatched"));
    assertEquals(1, ImageFiles.count(ImageFiles.readSvg(svg, 84, 84), "arrow"));
    ImageFiles.readPng(png, 84, 84 + 24);
  }

  @Test
  void rolloutOverlayIsOnePathThroughTheVisitedSquares() throws Exception {
    VectorField field = VectorField.compute(GENERATED, FakePolicies.oracle());
    Rollout rollout = Rollout.greedy(field);
    Path svg = dir.resolve("rollout.svg");
    Path png = dir.resolve("rollout.png");
    VectorFieldRenderer.writeSvg(field, svg, 10, Decorations.NONE.withRollout(rollout));
    VectorFieldRenderer.writePng(field, png, 10, Decorations.titled("greedy").withRollout(rollout));
    int side = (GENERATED.size() + 2) * 10;
    Document doc = ImageFiles.readSvg(svg, side, side);
    assertEquals(1, ImageFiles.count(doc, "rollout"));
    String points = ((org.w3c.dom.Element) doc.getElementsByTagName("polyline").item(0)).getAttribute("points");
    assertEquals(rollout.squares().size(), points.split(" ").length);
    ImageFiles.readPng(png, side, side + 24);
  }

  @Test
  void aTargetIsOneRingAndOnlyWhenAsked() throws Exception {
    VectorField field = VectorField.compute(GENERATED, FakePolicies.oracle());
    Path ringed = dir.resolve("target.svg");
    Path plain = dir.resolve("plain.svg");
    VectorFieldRenderer.writeSvg(field, ringed, 10, Decorations.NONE.withTarget(GENERATED.topRight()));
    VectorFieldRenderer.writeSvg(field, plain, 10, Decorations.NONE);
    int side = (GENERATED.size() + 2) * 10;
    assertEquals(1, ImageFiles.count(ImageFiles.readSvg(ringed, side, side), "target"));
    assertEquals(0, ImageFiles.count(ImageFiles.readSvg(plain, side, side), "target"));
  }

  @Test
  void rejectsScalesOutsideTheRangeAndRolloutsFromAnotherMaze() {
    VectorField field = VectorField.compute(FakePolicies.smallMaze(), FakePolicies.oracle());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> VectorFieldRenderer.writePng(field, dir.resolve("x.png"), 3));
    assertEquals("pixels per square must be in [4, 256], got 3", e.getMessage());
    Rollout elsewhere = Rollout.greedy(GENERATED, FakePolicies.oracle());
    e = assertThrows(IllegalArgumentException.class,
        () -> VectorFieldRenderer.svg(field, 8, Decorations.NONE.withRollout(elsewhere)));
    assertTrue(e.getMessage().endsWith("is a wall in the maze drawn"), e.getMessage());
  }
}

package dev.kibitz.games.maze.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kibitz.games.maze.CheeseRegion;
import dev.kibitz.games.maze.Maze;
import dev.kibitz.games.maze.MazeSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class TrajectoryFigureTest {
  @TempDir
  Path dir;

  private static final Maze MAZE = MazeSpec.Seeded.of(9, CheeseRegion.ANYWHERE).build();

  /** Untrained (waits), half-trained (up-right), trained (oracle). */
  private static List<TrajectoryFigure.Checkpoint> checkpoints() {
    VectorField trained = VectorField.compute(MAZE, FakePolicies.oracle());
    return List.of(
        new TrajectoryFigure.Checkpoint("step 0", VectorField.compute(MAZE, FakePolicies.constant(0, 0, 0, 0, 1))),
        new TrajectoryFigure.Checkpoint("step 1000", VectorField.compute(MAZE,
            FakePolicies.constant(0.5f, 0, 0, 0.5f, 0))),
        new TrajectoryFigure.Checkpoint("step 2000", trained, Optional.of(Rollout.greedy(trained))));
  }

  @Test
  void oneRowOfTitledPanelsByDefault() throws Exception {
    int side = (MAZE.size() + 2) * 8;
    Path png = dir.resolve("trajectory.png");
    Path svg = dir.resolve("trajectory.svg");
    TrajectoryFigure.writePng(checkpoints(), png, 8);
    TrajectoryFigure.writeSvg(checkpoints(), svg, 8);
    ImageFiles.readPng(png, 3 * side, side + 24);
    Document doc = ImageFiles.readSvg(svg, 3 * side, side + 24);
    int arrowsPerLivePanel = MAZE.freeSquares().size() - 1;
    assertEquals(2 * arrowsPerLivePanel, ImageFiles.count(doc, "arrow"));
    assertEquals(1, ImageFiles.count(doc, "rollout"));
    NodeList titles = doc.getElementsByTagName("text");
    assertEquals(List.of("step 0", "step 1000", "step 2000"),
        List.of(titles.item(0).getTextContent(), titles.item(1).getTextContent(), titles.item(2).getTextContent()));
  }

  @Test
  void gridLayoutWrapsIntoRows() throws Exception {
    int side = (MAZE.size() + 2) * 6;
    Path png = dir.resolve("grid.png");
    TrajectoryFigure.writePng(checkpoints(), png, 6, 2);
    ImageFiles.readPng(png, 2 * side, 2 * (side + 24));
    assertEquals(2 * side, TrajectoryFigure.width(MAZE, 6, 3, 2));
    assertEquals(2 * (side + 24), TrajectoryFigure.height(MAZE, 6, 3, 2));
    // More columns than checkpoints: one row, no empty panels.
    assertEquals(3 * side, TrajectoryFigure.width(MAZE, 6, 3, 10));
    assertEquals(side + 24, TrajectoryFigure.height(MAZE, 6, 3, 10));
  }

  @Test
  void everyCheckpointMustShowTheSameMaze() {
    List<TrajectoryFigure.Checkpoint> mixed = new ArrayList<>(checkpoints());
    mixed.add(new TrajectoryFigure.Checkpoint("elsewhere",
        VectorField.compute(MazeSpec.Seeded.of(10, CheeseRegion.ANYWHERE).build(), FakePolicies.oracle())));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TrajectoryFigure.svg(mixed, 8, 4));
    assertEquals("checkpoint 'elsewhere' is on a different maze than 'step 0'; a trajectory figure shows one maze",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> TrajectoryFigure.svg(List.of(), 8, 1));
    assertThrows(IllegalArgumentException.class, () -> TrajectoryFigure.svg(checkpoints(), 8, 0));
  }
}

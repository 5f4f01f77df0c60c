package dev.kibitz.games.maze.view;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kibitz.games.maze.Action;
import dev.kibitz.games.maze.CheeseRegion;
import dev.kibitz.games.maze.Maze;
import dev.kibitz.games.maze.MazePolicy;
import dev.kibitz.games.maze.MazeSpec;
import dev.kibitz.games.maze.Square;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VectorFieldTest {

  @Test
  void upAndRightHalfAndHalfGivesNetVectorHalfRightHalfUpAtEveryFreeSquareButTheCheese() {
    Maze maze = FakePolicies.smallMaze();
    VectorField field = VectorField.compute(maze, FakePolicies.constant(0.5f, 0, 0, 0.5f, 0));
    assertEquals(19, field.vectors().size());
    assertEquals(maze.freeSquares().size() - 1, field.vectors().size());
    for (SquareVector v : field.vectors()) {
      assertEquals(0.5, v.dx());
      assertEquals(-0.5, v.dy());
      assertArrayEquals(new float[] {0.5f, 0, 0, 0.5f, 0}, v.probabilities());
      assertFalse(v.square().equals(maze.cheese()));
    }
    assertTrue(field.at(maze.cheese()).isEmpty());
    assertEquals(new Arrow(maze.mouseStart(), 0.5, -0.5), field.at(maze.mouseStart()).orElseThrow().arrow());
  }

  @Test
  void noOpAddsNothingToTheNetVector() {
    VectorField field =
        VectorField.compute(FakePolicies.smallMaze(), FakePolicies.constant(0.25f, 0, 0.125f, 0, 0.625f));
    SquareVector v = field.vectors().get(0);
    assertEquals(-0.125, v.dx());
    assertEquals(-0.25, v.dy());
    assertEquals(0.625f, v.probability(Action.NOOP));
    assertTrue(VectorField.compute(FakePolicies.smallMaze(), FakePolicies.constant(0, 0, 0, 0, 1)).arrows()
        .stream().allMatch(Arrow::isZero));
  }

  @Test
  void asksThePolicyOnceForAllSquaresInRowMajorOrder() {
    Maze maze = MazeSpec.Seeded.of(7, CheeseRegion.ANYWHERE).build();
    List<List<Square>> calls = new ArrayList<>();
    MazePolicy counting = (m, mice) -> {
      calls.add(List.copyOf(mice));
      return FakePolicies.oracle().actionProbabilities(m, mice);
    };
    VectorField field = VectorField.compute(maze, counting);
    assertEquals(1, calls.size());
    List<Square> expected = maze.freeSquares().stream().filter(s -> !s.equals(maze.cheese())).toList();
    assertEquals(expected, calls.get(0));
    assertEquals(expected, field.vectors().stream().map(SquareVector::square).toList());
  }

  @Test
  void oracleFieldPointsOneFullStepAlongTheShortestPath() {
    Maze maze = FakePolicies.smallMaze();
    VectorField field = VectorField.compute(maze, FakePolicies.oracle());
    int o = maze.offset();
    // Bottom-left start heads up column 0; the top-left corner heads right towards the cheese.
    assertEquals(new Arrow(new Square(o + 4, o), 0.0, -1.0), field.at(new Square(o + 4, o)).orElseThrow().arrow());
    assertEquals(new Arrow(new Square(o, o), 1.0, 0.0), field.at(new Square(o, o)).orElseThrow().arrow());
    assertEquals(new Arrow(new Square(o, o + 4), -1.0, 0.0), field.at(new Square(o, o + 4)).orElseThrow().arrow());
    assertEquals(Action.UP, field.at(new Square(o + 4, o)).orElseThrow().argmax());
  }

  @Test
  void diffIsAfterMinusBeforePerSquare() {
    Maze maze = FakePolicies.smallMaze();
    VectorField before = VectorField.compute(maze, FakePolicies.constant(0.5f, 0, 0, 0.5f, 0));
    VectorField after = VectorField.compute(maze, FakePolicies.oracle());
    VectorFieldDiff diff = VectorField.diff(before, after);
    int o = maze.offset();
    assertEquals(19, diff.arrows().size());
    // Oracle goes up at the start: (0, -1) - (0.5, -0.5).
    assertEquals(new Arrow(new Square(o + 4, o), -0.5, -0.5), diff.arrows().get(diff.arrows().size() - 5));
    // Oracle goes right at the top-left corner: (1, 0) - (0.5, -0.5).
    assertEquals(new Arrow(new Square(o, o), 0.5, 0.5), diff.arrows().get(0));
    // Oracle goes left at the top-right corner: (-1, 0) - (0.5, -0.5).
    assertEquals(new Arrow(new Square(o, o + 4), -1.5, 0.5), diff.arrows().get(3));
    assertEquals(Math.hypot(1.5, 0.5), diff.maxLength());
    assertTrue(VectorField.diff(after, after).arrows().stream().allMatch(Arrow::isZero));
  }

  @Test
  void diffCoversOnlySquaresBothFieldsHaveWhenTheCheeseMoved() {
    VectorField before = VectorField.compute(FakePolicies.smallMaze(), FakePolicies.oracle());
    VectorField after = VectorField.compute(FakePolicies.smallMazeCheeseMoved(), FakePolicies.oracle());
    VectorFieldDiff diff = VectorField.diff(before, after);
    assertEquals(18, diff.arrows().size());
    assertEquals(before.maze(), diff.maze());
  }

  @Test
  void diffOfDifferentWallsIsRejected() {
    VectorField a = VectorField.compute(FakePolicies.smallMaze(), FakePolicies.oracle());
    VectorField b = VectorField.compute(FakePolicies.otherSmallMaze(), FakePolicies.oracle());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VectorField.diff(a, b));
    assertTrue(e.getMessage().contains("walls differ"), e.getMessage());
  }

  @Test
  void policyAnsweringTheWrongNumberOfSquaresIsAnError() {
    MazePolicy shortAnswer = (m, mice) -> new float[mice.size() - 1][5];
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> VectorField.compute(FakePolicies.smallMaze(), shortAnswer));
    assertEquals("policy returned 18 rows for 19 mouse squares", e.getMessage());
    MazePolicy fourActions = (m, mice) -> new float[mice.size()][4];
    assertThrows(IllegalArgumentException.class, () -> VectorField.compute(FakePolicies.smallMaze(), fourActions));
  }
}

package dev.kibitz.games.maze.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kibitz.games.maze.CheeseRegion;
import dev.kibitz.games.maze.Maze;
import dev.kibitz.games.maze.MazeSpec;
import dev.kibitz.games.maze.PathFinder;
import dev.kibitz.games.maze.Square;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class RolloutTest {

  @Test
  void greedyOracleReachesTheCheeseInExactlyTheBfsDistanceAlongTheShortestPath() {
    for (long seed = 0; seed < 20; seed++) {
      Maze maze = MazeSpec.Seeded.of(seed, CheeseRegion.ANYWHERE).build();
      PathFinder paths = new PathFinder(maze);
      int bfs = paths.distances(maze.cheese())[maze.mouseStart().row()][maze.mouseStart().col()];
      Rollout r = Rollout.greedy(maze, FakePolicies.oracle());
      assertTrue(r.reachedCheese(), "seed " + seed);
      assertEquals(bfs, r.steps(), "seed " + seed);
      assertEquals(paths.shortestPath(maze.mouseStart(), maze.cheese()), r.squares(), "seed " + seed);
      assertEquals(maze.cheese(), r.end());
    }
  }

  @Test
  void greedyOracleOnTheSmallMazeTakesSixSteps() {
    Maze maze = FakePolicies.smallMaze();
    Rollout r = Rollout.greedy(maze, FakePolicies.oracle());
    int o = maze.offset();
    assertEquals(List.of(new Square(o + 4, o), new Square(o + 3, o), new Square(o + 2, o), new Square(o + 1, o),
        new Square(o, o), new Square(o, o + 1), new Square(o, o + 2)), r.squares());
    assertEquals(new Rollout(r.squares(), true, false, 6), r);
  }

  @Test
  void alwaysUpGetsStuckAgainstTheTopWallAndStopsAtTheDefaultMaxSteps() {
    Maze maze = FakePolicies.smallMaze();
    assertEquals(40, Rollout.defaultMaxSteps(maze));
    Rollout r = Rollout.greedy(maze, FakePolicies.constant(1, 0, 0, 0, 0));
    assertFalse(r.reachedCheese());
    assertFalse(r.reachedTopRight());
    assertEquals(40, r.steps());
    assertEquals(41, r.squares().size());
    int o = maze.offset();
    List<Square> expected = new ArrayList<>(List.of(new Square(o + 4, o), new Square(o + 3, o), new Square(o + 2, o),
        new Square(o + 1, o)));
    expected.addAll(Collections.nCopies(37, new Square(o, o)));
    assertEquals(expected, r.squares());
  }

  @Test
  void maxStepsIsHonouredAndZeroStepsStaysAtTheStart() {
    VectorField up = VectorField.compute(FakePolicies.smallMaze(), FakePolicies.constant(1, 0, 0, 0, 0));
    assertEquals(7, Rollout.greedy(up, 7).steps());
    Rollout none = Rollout.greedy(up, 0);
    assertEquals(List.of(up.maze().mouseStart()), none.squares());
    assertThrows(IllegalArgumentException.class, () -> Rollout.greedy(up, -1));
  }

  @Test
  void visitingTheTopRightSquareIsRecorded() {
    // Cheese mid-maze, off every shortest path to the corner; at the corner the policy waits.
    Maze maze = FakePolicies.smallMazeCheeseMoved();
    Rollout r = Rollout.greedy(maze, FakePolicies.towardTopRight());
    assertTrue(r.reachedTopRight());
    assertFalse(r.reachedCheese());
    assertEquals(Rollout.defaultMaxSteps(maze), r.steps());
    assertEquals(maze.topRight(), r.end());
  }

  @Test
  void sampledRolloutsRepeatPerSeedAndDifferAcrossSeeds() {
    Maze maze = MazeSpec.Seeded.of(3, CheeseRegion.ANYWHERE).build();
    VectorField field = VectorField.compute(maze, FakePolicies.constant(0.25f, 0.25f, 0.25f, 0.25f, 0));
    Rollout a = Rollout.sampled(field, 42);
    assertEquals(a, Rollout.sampled(field, 42));
    assertEquals(a, Rollout.sampled(maze, FakePolicies.constant(0.25f, 0.25f, 0.25f, 0.25f, 0), 42));
    assertNotEquals(a.squares(), Rollout.sampled(field, 43).squares());
    for (int i = 1; i < a.squares().size(); i++) {
      Square from = a.squares().get(i - 1);
      Square to = a.squares().get(i);
      assertTrue(Math.abs(from.row() - to.row()) + Math.abs(from.col() - to.col()) <= 1, "step " + i);
      assertFalse(maze.isWall(to));
    }
  }

  @Test
  void sampledOracleIsTheGreedyOracle() {
    Maze maze = MazeSpec.Seeded.of(11, CheeseRegion.ANYWHERE).build();
    VectorField field = VectorField.compute(maze, FakePolicies.oracle());
    assertEquals(Rollout.greedy(field), Rollout.sampled(field, 5));
  }

  @Test
  void samplingRejectsNegativeProbabilities() {
    VectorField bad = VectorField.compute(FakePolicies.smallMaze(), FakePolicies.constant(-1, 0, 0, 2, 0));
    assertThrows(IllegalArgumentException.class, () -> Rollout.sampled(bad, 1));
  }
}

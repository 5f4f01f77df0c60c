package dev.kibitz.steering.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kibitz.games.maze.Maze;
import dev.kibitz.games.maze.MazeSpec;
import dev.kibitz.games.maze.Square;
import dev.kibitz.steering.evaluate.HookGrid;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Synthetic activations on a 7x7 hook with three channels: 0 lights up exactly on the cheese's cell,
 * 1 always peaks in one corner, 2 peaks on the cell mirrored from the cheese.
 */
class CheeseTrackingTest {
  private static final HookGrid GRID = new HookGrid(7, 4);
  private static final int CELLS = 49;

  @Test
  void aChannelThatFollowsTheCheeseScoresOneAndRanksFirst() {
    List<Maze> mazes = new ArrayList<>();
    List<float[]> with = new ArrayList<>();
    List<float[]> without = new ArrayList<>();
    Maze open = new MazeSpec.Grid(List.of(".........", ".........", ".........", ".........", "........C",
        ".........", ".........", ".........", "M........")).build();
    int[][] cheese = {{8, 8}, {10, 14}, {16, 10}, {12, 16}, {14, 12}};
    for (int[] c : cheese) {
      Maze m = open.withCheese(new Square(c[0], c[1]));
      mazes.add(m);
      Square cell = GRID.cell(m.cheese());
      float[] a = new float[3 * CELLS];
      a[cell.row() * 7 + cell.col()] = 2f;
      a[CELLS + 6] = 5f;
      a[2 * CELLS + (6 - cell.row()) * 7 + (6 - cell.col())] = 1f;
      with.add(a);
      without.add(new float[3 * CELLS]);
    }
    List<CheeseTracking.Score> byPeak = CheeseTracking.rank(mazes, with, without, GRID,
        CheeseTracking.Score::peakCorrelation);
    assertEquals(List.of(0, 1, 2), byPeak.stream().map(CheeseTracking.Score::channel).toList());
    CheeseTracking.Score follows = byPeak.get(0);
    assertEquals(1.0, follows.peakCorrelation(), 1e-12);
    assertEquals(1.0, follows.peakOnCheese(), 1e-12);
    assertEquals(2.0, follows.cheeseResponse(), 1e-12);
    assertEquals(2.0, follows.maxActivation(), 1e-12);
    assertEquals(4.0, follows.responseEnergy(), 1e-12);
    assertEquals(0.0, byPeak.get(1).peakCorrelation(), 1e-12);
    assertEquals(0.0, byPeak.get(1).peakOnCheese(), 1e-12);
    assertEquals(-1.0, byPeak.get(2).peakCorrelation(), 1e-12);

    List<CheeseTracking.Score> byEnergy = CheeseTracking.rank(mazes, with, without, GRID,
        CheeseTracking.Score::responseEnergy);
    // channel 1 is the strongest (25 per maze) though it tracks nothing: energy alone is not tracking
    assertEquals(List.of(1, 0, 2), byEnergy.stream().map(CheeseTracking.Score::channel).toList());
  }

  @Test
  void pearsonOfAConstantSideIsZero() {
    assertEquals(0.0, CheeseTracking.pearson(new double[] {1, 1, 1}, new double[] {1, 2, 3}), 0);
    assertEquals(1.0, CheeseTracking.pearson(new double[] {1, 2, 3}, new double[] {2, 4, 6}), 1e-12);
  }
}

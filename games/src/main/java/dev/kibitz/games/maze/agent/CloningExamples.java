package dev.kibitz.games.maze.agent;

import dev.kibitz.games.maze.Action;
import dev.kibitz.games.maze.CheeseRegion;
import dev.kibitz.games.maze.Maze;
import dev.kibitz.games.maze.MazeSpec;
import dev.kibitz.games.maze.PathFinder;
import dev.kibitz.games.maze.Square;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Behavioural-cloning examples: a maze, a mouse square (any free square but the cheese, uniformly),
 * and the first action of the shortest path to the cheese as the label.
 */
public final class CloningExamples {

  /** One batch: the mazes, the mouse squares, the labels (Action ordinals). */
  public record Batch(List<Maze> mazes, List<Square> mice, int[] labels) {}

  private final long seedBase;
  private final int mazes;
  private final CheeseRegion region;
  private final int regionSize;

  /** Mazes from seeds [seedBase, seedBase + mazes) with the cheese placed by {@code region}. */
  public CloningExamples(long seedBase, int mazes, CheeseRegion region, int regionSize) {
    this.seedBase = seedBase;
    this.mazes = mazes;
    this.region = region;
    this.regionSize = regionSize;
  }

  public Maze maze(long index) {
    return new MazeSpec.Seeded(seedBase + index, 0, region, regionSize).build();
  }

  public Batch sample(SplittableRandom random, int size) {
    List<Maze> ms = new ArrayList<>(size);
    List<Square> mice = new ArrayList<>(size);
    int[] labels = new int[size];
    for (int i = 0; i < size; i++) {
      Maze m = maze(random.nextInt(mazes));
      List<Square> free = m.freeSquares();
      free.remove(m.cheese());
      Square mouse = free.get(random.nextInt(free.size()));
      PathFinder paths = new PathFinder(m);
      ms.add(m);
      mice.add(mouse);
      labels[i] = paths.bestAction(mouse, paths.distances(m.cheese())).ordinal();
    }
    return new Batch(ms, mice, labels);
  }

  static int actions() {
    return Action.values().length;
  }
}

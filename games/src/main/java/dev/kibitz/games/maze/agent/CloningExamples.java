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
 * Behavioural-cloning examples: a maze, a mouse square (any free square but the cheese), and the
 * first action of the shortest path to the cheese as the label.
 */
public final class CloningExamples {

  /** How a training example's maze and mouse square are drawn. */
  public enum Sampling {
    /** Maze uniformly from the set; mouse uniformly from its free squares. */
    UNIFORM,
    /**
     * Maze drawn with probability proportional to its free squares (large mazes, where greedy
     * rollouts fail, get most examples); mouse on the shortest path from the start to the cheese
     * with probability 1/2, else uniformly.
     */
    LARGE_MAZES_HALF_ON_PATH
  }

  /** Free squares of a full-grid maze: the most any maze has. */
  private static final int MOST_FREE = 2 * ((Maze.GRID + 1) / 2) * ((Maze.GRID + 1) / 2) - 1;

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
    return sample(random, size, Sampling.UNIFORM);
  }

  public Batch sample(SplittableRandom random, int size, Sampling sampling) {
    List<Maze> ms = new ArrayList<>(size);
    List<Square> mice = new ArrayList<>(size);
    int[] labels = new int[size];
    for (int i = 0; i < size; i++) {
      Maze m = maze(random.nextInt(mazes));
      List<Square> free = m.freeSquares();
      if (sampling == Sampling.LARGE_MAZES_HALF_ON_PATH) {
        while (random.nextInt(MOST_FREE) >= free.size()) { // rejection: accept with probability free / MOST_FREE
          m = maze(random.nextInt(mazes));
          free = m.freeSquares();
        }
      }
      free.remove(m.cheese());
      PathFinder paths = new PathFinder(m);
      List<Square> candidates = free;
      if (sampling == Sampling.LARGE_MAZES_HALF_ON_PATH && random.nextBoolean()) {
        List<Square> path = paths.shortestPath(m.mouseStart(), m.cheese());
        if (path.size() > 1) {
          candidates = path.subList(0, path.size() - 1); // the cheese square has no action to learn
        }
      }
      Square mouse = candidates.get(random.nextInt(candidates.size()));
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

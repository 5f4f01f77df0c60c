package dev.kibitz.games.maze;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Procgen-style mazes: randomized Kruskal over the cells at even (row, col) of an odd-sided square,
 * so free squares form a spanning tree (exactly one path between any two). Everything is drawn from
 * one SplittableRandom(seed) in a fixed order (size, walls, cheese): same spec, same maze.
 */
public final class MazeGenerator {
  private MazeGenerator() {}

  public static Maze generate(MazeSpec.Seeded spec) {
    SplittableRandom random = new SplittableRandom(spec.seed());
    int n = spec.size();
    if (n == 0) {
      n = MazeSpec.MIN_SIZE + 2 * random.nextInt((MazeSpec.MAX_SIZE - MazeSpec.MIN_SIZE) / 2 + 1);
    } else if (n < MazeSpec.MIN_SIZE || n > MazeSpec.MAX_SIZE || n % 2 == 0) {
      throw new IllegalArgumentException("maze size must be odd in [3, 25] (or 0 to draw it), got " + n);
    }
    if (spec.cheese() == CheeseRegion.TOP_RIGHT && spec.regionSize() < 1) {
      throw new IllegalArgumentException("top-right cheese region size must be >= 1, got " + spec.regionSize());
    }
    boolean[][] walls = carve(n, random);
    int offset = (Maze.GRID - n) / 2;
    Square start = new Square(offset + n - 1, offset);
    List<Square> candidates = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < n; c++) {
        Square s = new Square(offset + r, offset + c);
        boolean inRegion = spec.cheese() == CheeseRegion.ANYWHERE
            || (r < spec.regionSize() && c >= n - spec.regionSize());
        if (inRegion && !walls[s.row()][s.col()] && !s.equals(start)) {
          candidates.add(s);
        }
      }
    }
    Square cheese = candidates.get(random.nextInt(candidates.size()));
    return new Maze(walls, n, cheese, spec);
  }

  /** Walls of the 25x25 grid with an n x n spanning-tree maze carved in the middle. */
  private static boolean[][] carve(int n, SplittableRandom random) {
    boolean[][] walls = new boolean[Maze.GRID][Maze.GRID];
    for (boolean[] row : walls) {
      java.util.Arrays.fill(row, true);
    }
    int offset = (Maze.GRID - n) / 2;
    int cells = (n + 1) / 2;
    for (int r = 0; r < cells; r++) {
      for (int c = 0; c < cells; c++) {
        walls[offset + 2 * r][offset + 2 * c] = false;
      }
    }
    // Edges between neighbouring cells: {cell a, cell b}, shuffled, joined when in different trees.
    List<int[]> edges = new ArrayList<>();
    for (int r = 0; r < cells; r++) {
      for (int c = 0; c < cells; c++) {
        if (c + 1 < cells) {
          edges.add(new int[] {r * cells + c, r * cells + c + 1});
        }
        if (r + 1 < cells) {
          edges.add(new int[] {r * cells + c, (r + 1) * cells + c});
        }
      }
    }
    for (int i = edges.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int[] t = edges.get(i);
      edges.set(i, edges.get(j));
      edges.set(j, t);
    }
    int[] parent = new int[cells * cells];
    for (int i = 0; i < parent.length; i++) {
      parent[i] = i;
    }
    for (int[] e : edges) {
      int a = find(parent, e[0]);
      int b = find(parent, e[1]);
      if (a != b) {
        parent[a] = b;
        int row = offset + (e[0] / cells + e[1] / cells);
        int col = offset + (e[0] % cells + e[1] % cells);
        walls[row][col] = false;
      }
    }
    return walls;
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }
}

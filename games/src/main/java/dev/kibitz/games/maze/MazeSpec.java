package dev.kibitz.games.maze;

import java.util.List;

/**
 * How a client names a maze: a seed with options (reproducible), or an explicit grid. The model
 * server, CLI and experiments all build mazes from this.
 */
public sealed interface MazeSpec permits MazeSpec.Seeded, MazeSpec.Grid {

  int MIN_SIZE = 3;
  int MAX_SIZE = Maze.GRID;
  /** Side of the top-right region the training distribution puts the cheese in. */
  int DEFAULT_REGION = 5;

  /** Builds the maze; IllegalArgumentException names the problem. */
  Maze build();

  /**
   * @param size odd side in [3, 25], or 0 to draw it from the seed
   * @param regionSize side of the top-right cheese region (TOP_RIGHT only)
   */
  record Seeded(long seed, int size, CheeseRegion cheese, int regionSize) implements MazeSpec {
    public static Seeded of(long seed, CheeseRegion cheese) {
      return new Seeded(seed, 0, cheese, DEFAULT_REGION);
    }

    @Override
    public Maze build() {
      return MazeGenerator.generate(this);
    }
  }

  /**
   * Explicit rows of the maze's own square: '#' wall, '.' free, 'C' cheese (exactly one); the
   * mouse starts bottom-left, which must be free ('M' may mark it).
   */
  record Grid(List<String> rows) implements MazeSpec {
    public Grid {
      rows = List.copyOf(rows);
    }

    @Override
    public Maze build() {
      return MazeGrids.parse(rows);
    }
  }
}

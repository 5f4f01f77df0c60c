package dev.kibitz.modelserver.games;

import dev.kibitz.core.KibitzException;
import dev.kibitz.games.maze.CheeseRegion;
import dev.kibitz.games.maze.Maze;
import dev.kibitz.games.maze.MazeSpec;
import dev.kibitz.games.maze.Square;
import dev.kibitz.proto.v1.GameState;
import dev.kibitz.proto.v1.MazeGrid;
import dev.kibitz.proto.v1.MazeSeed;
import dev.kibitz.proto.v1.MazeState;
import dev.kibitz.proto.v1.Position;

/** Wire form of a maze position: the seed and options when the maze has them, else its grid. */
public final class MazeStates {
  private MazeStates() {}

  public static GameState toProto(Maze maze, Square mouse) {
    return toProto(maze, mouse, false);
  }

  /** With {@code noCheese} the server encodes the position with an all-zero cheese plane. */
  public static GameState toProto(Maze maze, Square mouse, boolean noCheese) {
    MazeState.Builder b = MazeState.newBuilder().setNoCheese(noCheese).setMouse(Position.newBuilder().setRow(mouse.row())
        .setCol(mouse.col()));
    MazeSpec.Seeded origin = maze.origin();
    if (origin != null) {
      b.setSeeded(MazeSeed.newBuilder().setSeed(origin.seed()).setSize(origin.size())
          .setCheese(origin.cheese() == CheeseRegion.TOP_RIGHT
              ? dev.kibitz.proto.v1.CheeseRegion.CHEESE_REGION_TOP_RIGHT
              : dev.kibitz.proto.v1.CheeseRegion.CHEESE_REGION_ANYWHERE)
          .setRegionSize(origin.regionSize()));
    } else {
      b.setGrid(MazeGrid.newBuilder().addAllRows(maze.rows()));
    }
    return GameState.newBuilder().setMaze(b).build();
  }

  /** The maze a state names; {@code what} starts the message of the INVALID_ARGUMENT it may throw. */
  public static Maze maze(MazeState m, String what) {
    try {
      return spec(m, what).build();
    } catch (IllegalArgumentException e) {
      throw KibitzException.invalid(what + ": " + e.getMessage());
    }
  }

  /** How a state names its maze: seed and options, or explicit grid. */
  public static MazeSpec spec(MazeState m, String what) {
    return switch (m.getMazeCase()) {
      case SEEDED -> {
        MazeSeed seed = m.getSeeded();
        CheeseRegion region = switch (seed.getCheese()) {
          case CHEESE_REGION_TOP_RIGHT -> CheeseRegion.TOP_RIGHT;
          case CHEESE_REGION_ANYWHERE -> CheeseRegion.ANYWHERE;
          default -> throw KibitzException.invalid(what
              + ": maze cheese region must be CHEESE_REGION_TOP_RIGHT or CHEESE_REGION_ANYWHERE");
        };
        yield new MazeSpec.Seeded(seed.getSeed(), seed.getSize(), region,
            seed.getRegionSize() == 0 ? MazeSpec.DEFAULT_REGION : seed.getRegionSize());
      }
      case GRID -> new MazeSpec.Grid(m.getGrid().getRowsList());
      case MAZE_NOT_SET -> throw KibitzException.invalid(what + ": maze needs seeded or grid");
    };
  }
}

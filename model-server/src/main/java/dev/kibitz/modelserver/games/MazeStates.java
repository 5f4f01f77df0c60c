package dev.kibitz.modelserver.games;

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
    MazeState.Builder b = MazeState.newBuilder().setMouse(Position.newBuilder().setRow(mouse.row())
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
}

package dev.kibitz.modelserver.games;

import dev.kibitz.core.KibitzException;
import dev.kibitz.core.model.HookedModel;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.core.tensor.TensorSpec;
import dev.kibitz.games.maze.Maze;
import dev.kibitz.games.maze.MazeEncoder;
import dev.kibitz.games.maze.MazeSpec;
import dev.kibitz.games.maze.Square;
import dev.kibitz.proto.v1.GameState;
import dev.kibitz.proto.v1.MazeState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes a batch of game states into model inputs on the server. Today: mazes, for models whose
 * single input is the maze observation [3, 25, 25]. Every state is checked and the message says
 * which one is bad and why.
 */
public final class GameStates {
  private GameStates() {}

  public static Map<String, HostTensor> encode(HookedModel model, List<GameState> states) {
    List<Maze> mazes = new ArrayList<>();
    List<Square> mice = new ArrayList<>();
    List<Boolean> hideCheese = new ArrayList<>();
    Map<MazeSpec, Maze> built = new HashMap<>();
    for (int i = 0; i < states.size(); i++) {
      GameState s = states.get(i);
      if (!s.hasMaze()) {
        throw KibitzException.invalid("state " + i + ": no game set (maze)");
      }
      requireMazeModel(model);
      MazeState m = s.getMaze();
      Maze maze;
      try {
        maze = built.computeIfAbsent(MazeStates.spec(m, "state " + i), MazeSpec::build);
      } catch (IllegalArgumentException e) {
        throw KibitzException.invalid("state " + i + ": " + e.getMessage());
      }
      Square mouse = m.hasMouse() ? new Square(m.getMouse().getRow(), m.getMouse().getCol()) : maze.mouseStart();
      if (maze.isWall(mouse)) {
        throw KibitzException.invalid("state " + i + ": mouse square " + mouse + " is a wall (or off the 25x25 grid)");
      }
      mazes.add(maze);
      mice.add(mouse);
      hideCheese.add(m.getNoCheese());
    }
    return Map.of(model.inputs().get(0).name(), MazeEncoder.encode(mazes, mice, hideCheese));
  }

  private static void requireMazeModel(HookedModel model) {
    List<TensorSpec> in = model.inputs();
    if (in.size() != 1 || !Arrays.equals(in.get(0).shape(), new long[] {MazeEncoder.CHANNELS, Maze.GRID, Maze.GRID})) {
      throw KibitzException.invalid("model '" + model.name() + "' does not take maze states (its inputs: " + in + ")");
    }
  }
}

package dev.kibitz.modelserver.games;

import dev.kibitz.core.KibitzException;
import dev.kibitz.core.model.HookedModel;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.core.tensor.TensorSpec;
import dev.kibitz.games.chess.Position;
import dev.kibitz.games.chess.encode.ChessEncoder;
import dev.kibitz.games.maze.Maze;
import dev.kibitz.games.maze.MazeEncoder;
import dev.kibitz.games.maze.MazeSpec;
import dev.kibitz.games.maze.Square;
import dev.kibitz.proto.v1.ChessState;
import dev.kibitz.proto.v1.GameState;
import dev.kibitz.proto.v1.MazeState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes a batch of game states into model inputs on the server: mazes, for models whose single
 * input is the maze observation [3, 25, 25], and chess states, for models with the chess policy's
 * inputs. A batch holds one game. Every state is checked and the message says
 * which one is bad and why.
 */
public final class GameStates {
  private GameStates() {}

  public static Map<String, HostTensor> encode(HookedModel model, List<GameState> states) {
    if (!states.isEmpty() && states.get(0).hasChess()) {
      return chess(model, states);
    }
    List<Maze> mazes = new ArrayList<>();
    List<Square> mice = new ArrayList<>();
    List<Boolean> hideCheese = new ArrayList<>();
    Map<MazeSpec, Maze> built = new HashMap<>();
    for (int i = 0; i < states.size(); i++) {
      GameState s = states.get(i);
      if (!s.hasMaze()) {
        throw KibitzException.invalid("state " + i + ": " + (s.hasChess() ? "a chess state in a batch of mazes"
            : "no game set (maze or chess)"));
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

  private static Map<String, HostTensor> chess(HookedModel model, List<GameState> states) {
    boolean tactical = takesChess(model, true);
    if (!tactical && !takesChess(model, false)) {
      throw KibitzException.invalid("model '" + model.name() + "' does not take chess states (its inputs: "
          + model.inputs() + ")");
    }
    List<ChessEncoder.State> out = new ArrayList<>();
    for (int i = 0; i < states.size(); i++) {
      GameState s = states.get(i);
      if (!s.hasChess()) {
        throw KibitzException.invalid("state " + i + ": " + (s.hasMaze() ? "a maze state in a batch of chess states"
            : "no game set (maze or chess)"));
      }
      ChessState c = s.getChess();
      try {
        out.add(new ChessEncoder.State(Position.fromFen(c.getFen()), c.getMoverElo(), c.getOpponentElo()));
      } catch (IllegalArgumentException e) {
        throw KibitzException.invalid("state " + i + ": " + e.getMessage());
      }
    }
    return ChessEncoder.encode(out, tactical);
  }

  /**
   * Whether the model has the chess policy's inputs by name and shape (descriptions may differ), its board with
   * ({@code tactical}) or without the tactical planes.
   */
  private static boolean takesChess(HookedModel model, boolean tactical) {
    List<TensorSpec> want = ChessEncoder.inputSpecs(tactical);
    List<TensorSpec> have = model.inputs();
    if (have.size() != want.size()) {
      return false;
    }
    for (int k = 0; k < want.size(); k++) {
      if (!have.get(k).name().equals(want.get(k).name()) || !Arrays.equals(have.get(k).shape(), want.get(k).shape())) {
        return false;
      }
    }
    return true;
  }

  private static void requireMazeModel(HookedModel model) {
    List<TensorSpec> in = model.inputs();
    if (in.size() != 1 || !Arrays.equals(in.get(0).shape(), new long[] {MazeEncoder.CHANNELS, Maze.GRID, Maze.GRID})) {
      throw KibitzException.invalid("model '" + model.name() + "' does not take maze states (its inputs: " + in + ")");
    }
  }
}

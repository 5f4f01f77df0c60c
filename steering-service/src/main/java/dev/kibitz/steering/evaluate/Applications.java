package dev.kibitz.steering.evaluate;

import dev.kibitz.core.KibitzException;
import dev.kibitz.games.maze.Square;
import dev.kibitz.modelserver.games.MazeStates;
import dev.kibitz.proto.v1.Ablate;
import dev.kibitz.proto.v1.Add;
import dev.kibitz.proto.v1.AddVector;
import dev.kibitz.proto.v1.Application;
import dev.kibitz.proto.v1.Clamp;
import dev.kibitz.proto.v1.GameState;
import dev.kibitz.proto.v1.Intervention;
import dev.kibitz.proto.v1.MazeCase;
import dev.kibitz.proto.v1.MazeState;
import dev.kibitz.proto.v1.Patch;
import dev.kibitz.proto.v1.Selector;
import dev.kibitz.proto.v1.SetValue;
import dev.kibitz.steering.model.ModelAccess;
import dev.kibitz.steering.vector.Direction;
import dev.kibitz.steering.vector.VectorBuilder;
import java.util.List;

/**
 * Turns an evaluation's {@link Application} into the model server's interventions for one maze.
 * Per-maze values (the cheese vector, its random control, resampled channels) are captured from
 * the model here; everything checkable without the model is checked up front by {@link #check}.
 */
final class Applications {
  private final ModelAccess models;
  private final String model;
  private final String checkpoint;
  private final Application application;
  private final long[] hookShape;
  /** A given vector, read once. */
  private final Direction given;

  Applications(ModelAccess models, String model, String checkpoint, Application application, long[] hookShape) {
    this.models = models;
    this.model = model;
    this.checkpoint = checkpoint;
    this.application = application;
    this.hookShape = hookShape;
    this.given = application.hasAdd() && application.getAdd().hasGiven()
        ? VectorBuilder.read(application.getAdd().getGiven(), hookShape, application.getHook(), "application.add.given")
        : null;
  }

  /** Name of the per-square patch values of a resample at each square. */
  static final String PER_SQUARE = "resample_per_square";

  /**
   * What one maze gets: the interventions, the norm of an added vector (0 for other kinds), and
   * per-square patch values (resample at each square; else null).
   */
  record Applied(List<Intervention> interventions, double vectorNorm, ModelAccess.BatchInput perSquare) {
    Applied(List<Intervention> interventions, double vectorNorm) {
      this(interventions, vectorNorm, null);
    }
  }

  /** Request-level checks, before any maze runs. */
  void check(List<MazeCase> cases) {
    String h = application.getHook();
    switch (application.getKindCase()) {
      case ADD -> {
        AddVector add = application.getAdd();
        if (!add.hasCoefficient()) {
          throw KibitzException.invalid("application.add.coefficient must be set (0 leaves the model unchanged)");
        }
        if (add.getVectorCase() == AddVector.VectorCase.VECTOR_NOT_SET) {
          throw KibitzException.invalid("application.add: set given, per_maze_cheese or random_matched");
        }
      }
      case SET -> selector(application.getSet().getSelector(), "application.set.selector");
      case CLAMP -> {
        selector(application.getClamp().getSelector(), "application.clamp.selector");
        if (!application.getClamp().hasMin() && !application.getClamp().hasMax()) {
          throw KibitzException.invalid("application.clamp: set min, max or both");
        }
      }
      case ABLATE -> {
        channels(application.getAblate().getChannelsList(), "application.ablate.channels", h);
        Ablate.Mode m = application.getAblate().getMode();
        if (m != Ablate.Mode.MODE_ZERO && m != Ablate.Mode.MODE_MEAN) {
          throw KibitzException.invalid("application.ablate.mode must be MODE_ZERO or MODE_MEAN, got " + m);
        }
      }
      case RESAMPLE -> {
        channels(application.getResample().getChannelsList(), "application.resample.channels", h);
        for (int i = 0; i < cases.size(); i++) {
          if (!cases.get(i).hasSource()) {
            throw KibitzException.invalid("cases[" + i + "].source: resample needs the maze to take channels from");
          }
        }
      }
      case RETARGET -> {
        channels(application.getRetarget().getChannelsList(), "application.retarget.channels", h);
        HookGrid.of(hookShape, h);
        for (int i = 0; i < cases.size(); i++) {
          if (!cases.get(i).hasTarget()) {
            throw KibitzException.invalid("cases[" + i + "].target: retarget needs the square to steer to");
          }
        }
      }
      case KIND_NOT_SET -> throw KibitzException.invalid(
          "application: set one of add, set, clamp, ablate, resample, retarget");
    }
  }

  /** @param squares the field's mouse squares, in the order the run sends them */
  Applied forCase(int index, MazeCase c, List<Square> squares) {
    Intervention.Builder i = Intervention.newBuilder().setHook(application.getHook());
    return switch (application.getKindCase()) {
      case ADD -> add(index, c, i);
      case SET -> new Applied(List.of(i.setSelector(application.getSet().getSelector())
          .setSet(SetValue.newBuilder().setScalar(application.getSet().getValue())).build()), 0);
      case CLAMP -> {
        Clamp.Builder clamp = Clamp.newBuilder();
        if (application.getClamp().hasMin()) {
          clamp.setMin(application.getClamp().getMin());
        }
        if (application.getClamp().hasMax()) {
          clamp.setMax(application.getClamp().getMax());
        }
        yield new Applied(List.of(i.setSelector(application.getClamp().getSelector()).setClamp(clamp).build()), 0);
      }
      case ABLATE -> new Applied(List.of(i.setSelector(Selector.newBuilder()
          .addAllChannels(application.getAblate().getChannelsList()))
          .setAblate(Ablate.newBuilder().setMode(application.getAblate().getMode())).build()), 0);
      case RESAMPLE -> {
        if (application.getResample().getAtEachSquare()) {
          yield resampleAtEachSquare(index, c, squares, i);
        }
        float[] source = startActivation(c.getSource(), false, "cases[" + index + "].source");
        yield new Applied(List.of(i.setSelector(Selector.newBuilder()
            .addAllChannels(application.getResample().getChannelsList()))
            .setPatch(Patch.newBuilder().setValues(new Direction(source, hookShape).toProto())).build()), 0);
      }
      case RETARGET -> {
        Square cell = HookGrid.of(hookShape, application.getHook())
            .cell(new Square(c.getTarget().getRow(), c.getTarget().getCol()));
        yield new Applied(List.of(i.setSelector(Selector.newBuilder()
            .addAllChannels(application.getRetarget().getChannelsList()).addPositions(MazeRun.position(cell)))
            .setSet(SetValue.newBuilder().setScalar(application.getRetarget().getValue())).build()), 0);
      }
      case KIND_NOT_SET -> throw new IllegalStateException("checked before");
    };
  }

  private Applied resampleAtEachSquare(int index, MazeCase c, List<Square> squares, Intervention.Builder i) {
    String what = "cases[" + index + "].source";
    dev.kibitz.games.maze.Maze source = MazeStates.maze(c.getSource(), what);
    List<GameState> states = new java.util.ArrayList<>();
    for (Square q : squares) {
      if (source.isWall(q)) {
        throw KibitzException.invalid(what + ": square " + q + " of the field is a wall there, so resampling at "
            + "each square cannot put the mouse on it");
      }
      states.add(MazeStates.toProto(source, q));
    }
    List<float[]> rows = models.capture(model, checkpoint, application.getHook(), states).rows();
    return new Applied(List.of(i.setSelector(Selector.newBuilder()
        .addAllChannels(application.getResample().getChannelsList()))
        .setPatch(Patch.newBuilder().setBatchInput(PER_SQUARE)).build()), 0,
        new ModelAccess.BatchInput(PER_SQUARE, hookShape, rows));
  }

  private Applied add(int index, MazeCase c, Intervention.Builder i) {
    AddVector add = application.getAdd();
    Direction v = switch (add.getVectorCase()) {
      case GIVEN -> given;
      case PER_MAZE_CHEESE -> cheeseVector(index, c);
      case RANDOM_MATCHED -> Direction.gaussian(add.getRandomMatched().getSeed() + index, hookShape,
          cheeseVector(index, c).norm());
      case VECTOR_NOT_SET -> throw new IllegalStateException("checked before");
    };
    return new Applied(List.of(i.setAdd(Add.newBuilder().setVector(v.toProto())
        .setCoefficient(add.getCoefficient())).build()), v.norm());
  }

  /** The cheese vector of the case's source maze (its own by default), from the mouse's start. */
  private Direction cheeseVector(int index, MazeCase c) {
    MazeState m = c.hasSource() ? c.getSource() : c.getMaze();
    String what = "cases[" + index + "]." + (c.hasSource() ? "source" : "maze");
    float[] with = startActivation(m, false, what);
    float[] without = startActivation(m, true, what);
    return Direction.meanDifference(List.of(with), List.of(without), hookShape);
  }

  private float[] startActivation(MazeState m, boolean noCheese, String what) {
    MazeStates.maze(m, what);
    GameState s = GameState.newBuilder().setMaze(m.toBuilder().clearMouse().setNoCheese(noCheese)).build();
    return models.capture(model, checkpoint, application.getHook(), List.of(s)).rows().get(0);
  }

  private void channels(List<Integer> channels, String what, String hook) {
    if (channels.isEmpty()) {
      throw KibitzException.invalid(what + ": name at least one channel");
    }
    for (int ch : channels) {
      if (ch < 0 || ch >= hookShape[0]) {
        throw KibitzException.invalid(what + ": channel " + ch + " is outside [0, " + hookShape[0] + ") of hook '"
            + hook + "'");
      }
    }
  }

  private void selector(Selector s, String what) {
    if (!s.getChannelsList().isEmpty()) {
      channels(s.getChannelsList(), what + ".channels", application.getHook());
    }
    for (var p : s.getPositionsList()) {
      if (hookShape.length < 2 || p.getRow() < 0 || p.getCol() < 0 || p.getRow() >= hookShape[hookShape.length - 2]
          || p.getCol() >= hookShape[hookShape.length - 1]) {
        throw KibitzException.invalid(what + ".positions: (" + p.getRow() + ", " + p.getCol() + ") is outside hook '"
            + application.getHook() + "' of shape " + java.util.Arrays.toString(hookShape));
      }
    }
  }
}

package dev.kibitz.steering.evaluate;

import dev.kibitz.core.KibitzException;
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

  /** What one maze gets: the interventions and the norm of an added vector (0 for other kinds). */
  record Applied(List<Intervention> interventions, double vectorNorm) {}

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
      case KIND_NOT_SET -> throw KibitzException.invalid("application: set one of add, set, clamp, ablate, resample");
    }
  }

  Applied forCase(int index, MazeCase c) {
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
        float[] source = startActivation(c.getSource(), false, "cases[" + index + "].source");
        yield new Applied(List.of(i.setSelector(Selector.newBuilder()
            .addAllChannels(application.getResample().getChannelsList()))
            .setPatch(Patch.newBuilder().setValues(new Direction(source, hookShape).toProto())).build()), 0);
      }
      case KIND_NOT_SET -> throw new IllegalStateException("checked before");
    };
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

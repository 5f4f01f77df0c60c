package dev.kibitz.steering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.kibitz.games.maze.CheeseRegion;
import dev.kibitz.games.maze.Maze;
import dev.kibitz.games.maze.MazeSpec;
import dev.kibitz.games.maze.agent.ShippedAgent;
import dev.kibitz.games.maze.agent.TrainingConfig;
import dev.kibitz.modelserver.games.MazeStates;
import dev.kibitz.proto.v1.Ablate;
import dev.kibitz.proto.v1.AblateChannels;
import dev.kibitz.proto.v1.Application;
import dev.kibitz.proto.v1.ClampActivations;
import dev.kibitz.proto.v1.EvaluateRequest;
import dev.kibitz.proto.v1.MazeCase;
import dev.kibitz.proto.v1.MazeRow;
import dev.kibitz.proto.v1.MazeState;
import dev.kibitz.proto.v1.ResampleChannels;
import dev.kibitz.proto.v1.Selector;
import org.junit.jupiter.api.Test;

/** Set, clamp, ablate and resample reach the model server and do what their definitions say. */
class ActivationEditsTest extends Services {
  private static final String HOOK = CheeseVectorIdentityTest.HOOK;
  private final Maze maze = MazeSpec.Seeded.of(TrainingConfig.HELD_OUT_SEED_BASE + 3, CheeseRegion.ANYWHERE).build();
  private final MazeState state = MazeStates.toProto(maze, maze.mouseStart()).getMaze().toBuilder().clearMouse().build();

  private MazeRow startOnly(Application.Builder application, MazeState source) {
    MazeCase.Builder c = MazeCase.newBuilder().setMaze(state)
        .addSquares(CheeseVectorIdentityTest.position(maze.mouseStart()));
    if (source != null) {
      c.setSource(source);
    }
    return evaluate(EvaluateRequest.newBuilder().setModel(ShippedAgent.NAME).addCases(c)
        .setApplication(application.setHook(HOOK)).build()).rows().get(0);
  }

  @Test
  void resamplingChannelsFromTheSameMazeAtItsStartChangesNothingThere() {
    MazeRow r = startOnly(Application.newBuilder().setResample(ResampleChannels.newBuilder().addChannels(0)
        .addChannels(5).addChannels(31)), state);
    assertEquals(r.getFieldUnpatched(0), r.getFieldPatched(0));
  }

  @Test
  void zeroAblatingEveryChannelChangesThePolicy() {
    AblateChannels.Builder all = AblateChannels.newBuilder().setMode(Ablate.Mode.MODE_ZERO);
    for (int c = 0; c < 32; c++) {
      all.addChannels(c);
    }
    MazeRow r = startOnly(Application.newBuilder().setAblate(all), null);
    assertNotEquals(r.getFieldUnpatched(0), r.getFieldPatched(0));
  }

  @Test
  void aClampWideEnoughToHoldEveryActivationChangesNothing() {
    MazeRow r = startOnly(Application.newBuilder().setClamp(ClampActivations.newBuilder()
        .setSelector(Selector.newBuilder().addChannels(2)).setMin(-1e30f).setMax(1e30f)), null);
    assertEquals(r.getFieldUnpatched(0), r.getFieldPatched(0));
  }
}

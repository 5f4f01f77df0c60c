package dev.kibitz.steering;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kibitz.games.maze.CheeseRegion;
import dev.kibitz.games.maze.Maze;
import dev.kibitz.games.maze.MazeSpec;
import dev.kibitz.games.maze.Square;
import dev.kibitz.games.maze.agent.ShippedAgent;
import dev.kibitz.games.maze.agent.TrainingConfig;
import dev.kibitz.modelserver.games.MazeStates;
import dev.kibitz.proto.v1.Application;
import dev.kibitz.proto.v1.ChannelOrder;
import dev.kibitz.proto.v1.ChannelScore;
import dev.kibitz.proto.v1.CheeseChannelRanking;
import dev.kibitz.proto.v1.EvaluateRequest;
import dev.kibitz.proto.v1.MazeCase;
import dev.kibitz.proto.v1.MazeRow;
import dev.kibitz.proto.v1.MazeState;
import dev.kibitz.proto.v1.Position;
import dev.kibitz.proto.v1.RankCheeseChannelsRequest;
import dev.kibitz.proto.v1.ResampleChannels;
import dev.kibitz.proto.v1.RetargetChannels;
import dev.kibitz.proto.v1.Selector;
import dev.kibitz.proto.v1.SetActivations;
import dev.kibitz.proto.v1.SquarePolicy;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RankCheeseChannels, retargeting and resampling at each square, through the real services. */
class CheeseChannelsServiceTest extends Services {
  private static final String HOOK = CheeseVectorIdentityTest.HOOK;
  private final Maze maze = MazeSpec.Seeded.of(TrainingConfig.HELD_OUT_SEED_BASE + 3, CheeseRegion.ANYWHERE).build();

  private static MazeState state(Maze m) {
    return MazeStates.toProto(m, m.mouseStart()).getMaze().toBuilder().clearMouse().build();
  }

  private static RankCheeseChannelsRequest.Builder ranking(int mazes) {
    RankCheeseChannelsRequest.Builder r = RankCheeseChannelsRequest.newBuilder().setModel(ShippedAgent.NAME)
        .setHook(HOOK);
    for (int i = 0; i < mazes; i++) {
      r.addMazes(state(MazeSpec.Seeded.of(TrainingConfig.HELD_OUT_SEED_BASE + 500 + i, CheeseRegion.ANYWHERE)
          .build()));
    }
    return r;
  }

  @Test
  void rankingCoversEveryChannelOnceBestFirst() {
    CheeseChannelRanking r = stub().rankCheeseChannels(ranking(40).build());
    assertEquals(32, r.getChannelsCount());
    assertEquals(32, new HashSet<>(r.getChannelsList().stream().map(ChannelScore::getChannel).toList()).size());
    assertEquals(40, r.getMazes());
    assertEquals(4, r.getStride());
    assertEquals(ChannelOrder.CHANNEL_ORDER_CHEESE_RESPONSE, r.getOrder());
    for (int i = 1; i < 32; i++) {
      assertTrue(r.getChannels(i - 1).getCheeseResponse() >= r.getChannels(i).getCheeseResponse(), "order at " + i);
    }
    for (ChannelScore s : r.getChannelsList()) {
      assertTrue(s.getPeakCorrelation() >= -1 && s.getPeakCorrelation() <= 1, s.toString());
      assertTrue(s.getPeakOnCheese() >= 0 && s.getPeakOnCheese() <= 1, s.toString());
    }
    CheeseChannelRanking byPeak = stub().rankCheeseChannels(ranking(40)
        .setOrder(ChannelOrder.CHANNEL_ORDER_PEAK_CORRELATION).build());
    for (int i = 1; i < 32; i++) {
      assertTrue(byPeak.getChannels(i - 1).getPeakCorrelation() >= byPeak.getChannels(i).getPeakCorrelation());
    }
  }

  @Test
  void rankingRefusesFlatHooksAndCheeseThatNeverMoves() {
    refused("'fc_out'", () -> stub().rankCheeseChannels(ranking(5).setHook("fc_out").build()));
    RankCheeseChannelsRequest.Builder same = ranking(0);
    for (int i = 0; i < 3; i++) {
      same.addMazes(state(maze));
    }
    refused("ranking needs at least 2", () -> stub().rankCheeseChannels(same.build()));
  }

  @Test
  void retargetSetsTheChannelsAtTheTargetsCellAndNothingElse() {
    Square target = maze.topRight();
    Position cell = Position.newBuilder().setRow((target.row() + 2) / 4).setCol((target.col() + 2) / 4).build();
    MazeCase c = MazeCase.newBuilder().setMaze(state(maze)).setTarget(CheeseVectorIdentityTest.position(target))
        .build();
    MazeRow retargeted = evaluate(EvaluateRequest.newBuilder().setModel(ShippedAgent.NAME).addCases(c)
        .setApplication(Application.newBuilder().setHook(HOOK).setRetarget(RetargetChannels.newBuilder()
            .addChannels(5).addChannels(9).setValue(12f))).build()).rows().get(0);
    MazeRow set = evaluate(EvaluateRequest.newBuilder().setModel(ShippedAgent.NAME)
        .addCases(c.toBuilder().clearTarget())
        .setApplication(Application.newBuilder().setHook(HOOK).setSet(SetActivations.newBuilder().setValue(12f)
            .setSelector(Selector.newBuilder().addChannels(5).addChannels(9).addPositions(cell)))).build())
        .rows().get(0);
    assertEquals(cell, retargeted.getTargetCell());
    assertEquals(set.getFieldPatchedList(), retargeted.getFieldPatchedList());
    assertNotEquals(retargeted.getFieldUnpatchedList(), retargeted.getFieldPatchedList());
    assertTrue(retargeted.getMeanAbsDeltaP() > 0);
    assertEquals(meanAbsoluteChange(retargeted), retargeted.getMeanAbsDeltaP(), 1e-7);
    // the rollout's target flags say whether the walk stood on the target square
    assertTrue(retargeted.hasRolloutPatched());
  }

  @Test
  void resamplingEveryChannelAtEachSquareFromTheMovedCheeseMazeIsThatMazesPolicy() {
    Square moved = maze.topRight();
    Maze relocated = maze.withCheese(moved);
    ResampleChannels.Builder all = ResampleChannels.newBuilder().setAtEachSquare(true);
    for (int ch = 0; ch < 32; ch++) {
      all.addChannels(ch);
    }
    MazeRow row = evaluate(EvaluateRequest.newBuilder().setModel(ShippedAgent.NAME)
        .addCases(MazeCase.newBuilder().setMaze(state(maze)).setSource(state(relocated)))
        .setApplication(Application.newBuilder().setHook(HOOK).setResample(all)).build()).rows().get(0);
    // the relocated maze's own forward, square by square, through the model server
    List<dev.kibitz.proto.v1.GameState> states = row.getFieldPatchedList().stream()
        .map(p -> MazeStates.toProto(relocated, new Square(p.getSquare().getRow(), p.getSquare().getCol()))).toList();
    float[][] expected = new dev.kibitz.steering.model.ModelAccess(models)
        .actionProbabilities(ShippedAgent.NAME, "", List.of(), states);
    for (int i = 0; i < states.size(); i++) {
      SquarePolicy p = row.getFieldPatched(i);
      float[] actual = new float[p.getProbabilitiesCount()];
      for (int a = 0; a < actual.length; a++) {
        actual[a] = p.getProbabilities(a);
      }
      assertArrayEquals(expected[i], actual, 1e-5f, "square " + p.getSquare());
    }
    // and the same maze as its own source changes nothing anywhere
    MazeRow identity = evaluate(EvaluateRequest.newBuilder().setModel(ShippedAgent.NAME)
        .addCases(MazeCase.newBuilder().setMaze(state(maze)).setSource(state(maze)))
        .setApplication(Application.newBuilder().setHook(HOOK).setResample(all)).build()).rows().get(0);
    assertEquals(identity.getFieldUnpatchedList(), identity.getFieldPatchedList());
    assertEquals(0.0, identity.getMeanAbsDeltaP());
  }

  @Test
  void retargetAndResampleRequestsWithoutWhatTheyNeedAreRefused() {
    Application.Builder retarget = Application.newBuilder().setHook(HOOK)
        .setRetarget(RetargetChannels.newBuilder().addChannels(1).setValue(5));
    refused("cases[0].target", () -> evaluate(EvaluateRequest.newBuilder().setModel(ShippedAgent.NAME)
        .addCases(MazeCase.newBuilder().setMaze(state(maze))).setApplication(retarget).build()));
    refused("cases[0].target: (0,0) is a wall", () -> evaluate(EvaluateRequest.newBuilder()
        .setModel(ShippedAgent.NAME).addCases(MazeCase.newBuilder().setMaze(state(maze))
            .setTarget(Position.newBuilder().setRow(0).setCol(0))).setApplication(retarget).build()));
    refused("'fc_out'", () -> evaluate(EvaluateRequest.newBuilder().setModel(ShippedAgent.NAME)
        .addCases(MazeCase.newBuilder().setMaze(state(maze)).setTarget(CheeseVectorIdentityTest.position(
            maze.topRight()))).setApplication(retarget.clone().setHook("fc_out")).build()));
    Maze other = MazeSpec.Seeded.of(TrainingConfig.HELD_OUT_SEED_BASE + 4, CheeseRegion.ANYWHERE).build();
    refused("is a wall there", () -> evaluate(EvaluateRequest.newBuilder().setModel(ShippedAgent.NAME)
        .addCases(MazeCase.newBuilder().setMaze(state(maze)).setSource(state(other)))
        .setApplication(Application.newBuilder().setHook(HOOK).setResample(ResampleChannels.newBuilder()
            .addChannels(1).setAtEachSquare(true))).build()));
  }

  private static double meanAbsoluteChange(MazeRow r) {
    double sum = 0;
    int n = 0;
    for (int i = 0; i < r.getFieldUnpatchedCount(); i++) {
      for (int a = 0; a < 5; a++) {
        sum += Math.abs((double) r.getFieldPatched(i).getProbabilities(a) - r.getFieldUnpatched(i).getProbabilities(a));
        n++;
      }
    }
    return sum / n;
  }

  private static void refused(String named, org.junit.jupiter.api.function.Executable call) {
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call);
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), e.getStatus().toString());
    assertTrue(e.getStatus().getDescription().contains(named), e.getStatus().getDescription());
  }
}

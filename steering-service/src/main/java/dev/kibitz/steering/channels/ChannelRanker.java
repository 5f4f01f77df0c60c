package dev.kibitz.steering.channels;

import dev.kibitz.core.KibitzException;
import dev.kibitz.games.maze.Maze;
import dev.kibitz.modelserver.games.MazeStates;
import dev.kibitz.proto.v1.CheeseChannelRanking;
import dev.kibitz.proto.v1.ChannelOrder;
import dev.kibitz.proto.v1.ChannelScore;
import dev.kibitz.proto.v1.GameState;
import dev.kibitz.proto.v1.MazeState;
import dev.kibitz.proto.v1.RankCheeseChannelsRequest;
import dev.kibitz.steering.evaluate.HookGrid;
import dev.kibitz.steering.model.ModelAccess;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * RankCheeseChannels: captures the hook at every maze's start with and without its cheese (one
 * model-server session) and ranks the channels with {@link CheeseTracking}.
 */
public final class ChannelRanker {
  private final ModelAccess models;

  public ChannelRanker(ModelAccess models) {
    this.models = models;
  }

  public CheeseChannelRanking rank(RankCheeseChannelsRequest request) {
    String checkpoint = models.checkpoint(request.getModel(), request.getCheckpoint());
    HookGrid grid = HookGrid.of(models.hookShape(request.getModel(), request.getHook()), request.getHook());
    List<Maze> mazes = new ArrayList<>();
    List<GameState> states = new ArrayList<>();
    for (int i = 0; i < request.getMazesCount(); i++) {
      MazeState m = request.getMazes(i).toBuilder().clearMouse().build();
      mazes.add(MazeStates.maze(m, "mazes[" + i + "]"));
      states.add(GameState.newBuilder().setMaze(m.toBuilder().setNoCheese(false)).build());
    }
    requireSpread(mazes, grid);
    for (int i = 0; i < request.getMazesCount(); i++) {
      states.add(GameState.newBuilder().setMaze(states.get(i).getMaze().toBuilder().setNoCheese(true)).build());
    }
    List<float[]> rows = models.capture(request.getModel(), checkpoint, request.getHook(), states).rows();
    int n = mazes.size();
    ChannelOrder order = request.getOrder() == ChannelOrder.CHANNEL_ORDER_UNSPECIFIED
        ? ChannelOrder.CHANNEL_ORDER_CHEESE_RESPONSE : request.getOrder();
    ToDoubleFunction<CheeseTracking.Score> key = switch (order) {
      case CHANNEL_ORDER_PEAK_CORRELATION -> CheeseTracking.Score::peakCorrelation;
      case CHANNEL_ORDER_RESPONSE_PEAK_CORRELATION -> CheeseTracking.Score::responsePeakCorrelation;
      case CHANNEL_ORDER_RESPONSE_ENERGY -> CheeseTracking.Score::responseEnergy;
      case CHANNEL_ORDER_CHEESE_RESPONSE, CHANNEL_ORDER_UNSPECIFIED -> CheeseTracking.Score::cheeseResponse;
      case UNRECOGNIZED -> throw KibitzException.invalid("order: unknown value " + request.getOrderValue());
    };
    CheeseChannelRanking.Builder out = CheeseChannelRanking.newBuilder().setMazes(n).setModel(request.getModel())
        .setCheckpoint(checkpoint).setHook(request.getHook()).setStride(grid.stride()).setOrder(order);
    for (CheeseTracking.Score s : CheeseTracking.rank(mazes, rows.subList(0, n), rows.subList(n, 2 * n), grid, key)) {
      out.addChannels(ChannelScore.newBuilder().setChannel(s.channel()).setPeakCorrelation(s.peakCorrelation())
          .setRowCorrelation(s.rowCorrelation()).setColCorrelation(s.colCorrelation())
          .setPeakOnCheese(s.peakOnCheese()).setCheeseResponse(s.cheeseResponse())
          .setMaxActivation(s.maxActivation()).setResponsePeakCorrelation(s.responsePeakCorrelation())
          .setResponseEnergy(s.responseEnergy()));
    }
    return out.build();
  }

  /** Correlations need the cheese to move: at least two hook rows and two hook columns. */
  private static void requireSpread(List<Maze> mazes, HookGrid grid) {
    Set<Integer> rows = new HashSet<>();
    Set<Integer> cols = new HashSet<>();
    mazes.forEach(m -> {
      rows.add(grid.cell(m.cheese()).row());
      cols.add(grid.cell(m.cheese()).col());
    });
    if (rows.size() < 2 || cols.size() < 2) {
      throw KibitzException.invalid("mazes: their " + mazes.size() + " cheese squares fall in " + rows.size()
          + " hook row(s) and " + cols.size() + " column(s); ranking needs at least 2 of each");
    }
  }
}

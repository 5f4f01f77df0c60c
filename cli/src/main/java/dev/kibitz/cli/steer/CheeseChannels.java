package dev.kibitz.cli.steer;

import dev.kibitz.games.maze.CheeseRegion;
import dev.kibitz.games.maze.Maze;
import dev.kibitz.games.maze.MazeSpec;
import dev.kibitz.games.maze.agent.TrainingConfig;
import dev.kibitz.proto.v1.ChannelOrder;
import dev.kibitz.proto.v1.ChannelScore;
import dev.kibitz.proto.v1.CheeseChannelRanking;
import dev.kibitz.proto.v1.RankCheeseChannelsRequest;
import dev.kibitz.steering.LocalSteeringStack;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The cheese channels both channel experiments use: ranked by the steering service on mazes kept
 * apart from the ones the experiments then measure (seeds from {@link #RANKING_SEED_BASE}), the top
 * k of them, and k control channels drawn at random from the rest.
 */
final class CheeseChannels {
  /** Held-out seeds for ranking, far from the evaluation seeds (held-out base + 0, 1, ...). */
  static final long RANKING_SEED_BASE = TrainingConfig.HELD_OUT_SEED_BASE + 500_000;

  private CheeseChannels() {}

  /** The ranking, its top k channels and k random others (Random(controlSeed)), both in ranking order. */
  record Chosen(CheeseChannelRanking ranking, List<Integer> top, List<Integer> control) {}

  static Chosen choose(LocalSteeringStack services, String model, String checkpoint, String hook, int rankingMazes,
      int k, long controlSeed, ChannelOrder by) {
    RankCheeseChannelsRequest.Builder request = RankCheeseChannelsRequest.newBuilder().setModel(model)
        .setCheckpoint(checkpoint).setHook(hook).setOrder(by);
    for (int i = 0; i < rankingMazes; i++) {
      Maze m = MazeSpec.Seeded.of(RANKING_SEED_BASE + i, CheeseRegion.ANYWHERE).build();
      request.addMazes(CheeseVectorConditions.state(m));
    }
    CheeseChannelRanking ranking = services.stub(10, TimeUnit.MINUTES).rankCheeseChannels(request.build());
    List<Integer> order = ranking.getChannelsList().stream().map(ChannelScore::getChannel).toList();
    if (k < 1 || 2 * k > order.size()) {
      throw new IllegalArgumentException("--top must be in [1, " + order.size() / 2 + "] so that as many control "
          + "channels remain, got " + k);
    }
    List<Integer> rest = new ArrayList<>(order.subList(k, order.size()));
    Collections.shuffle(rest, new Random(controlSeed));
    List<Integer> control = new ArrayList<>(rest.subList(0, k));
    control.sort((a, b) -> Integer.compare(order.indexOf(a), order.indexOf(b)));
    return new Chosen(ranking, order.subList(0, k), control);
  }

  static ChannelScore score(CheeseChannelRanking ranking, int channel) {
    return ranking.getChannelsList().stream().filter(s -> s.getChannel() == channel).findFirst().orElseThrow();
  }
}

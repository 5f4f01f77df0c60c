package dev.kibitz.cli.steer;

import dev.kibitz.games.maze.agent.ShippedAgent;
import dev.kibitz.proto.v1.ChannelOrder;
import dev.kibitz.steering.LocalSteeringStack;
import picocli.CommandLine.Option;

/** How the channel experiments pick their cheese channels and controls (a picocli mixin). */
final class ChannelChoiceOptions {
  @Option(names = "--hook", defaultValue = "stages.1.res.1.resid_out", description = "default: ${DEFAULT-VALUE}")
  String hook;

  @Option(names = "--checkpoint", defaultValue = "", description = "maze-agent checkpoint (default: its default)")
  String checkpoint;

  @Option(names = "--ranking-mazes", defaultValue = "300",
      description = "mazes the channels are ranked on (their own held-out seeds; default: ${DEFAULT-VALUE})")
  int rankingMazes;

  @Option(names = "--order", defaultValue = "CHEESE_RESPONSE",
      description = "channel ranking: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
  Order order;

  /** The ranking orders by their short names. */
  enum Order { CHEESE_RESPONSE, PEAK_CORRELATION, RESPONSE_PEAK_CORRELATION, RESPONSE_ENERGY }

  @Option(names = "--top", defaultValue = "4", description = "cheese channels used (default: ${DEFAULT-VALUE})")
  int top;

  @Option(names = "--control-seed", defaultValue = "0", description = "seed of the control channels (default: 0)")
  long controlSeed;

  CheeseChannels.Chosen choose(LocalSteeringStack services) {
    return CheeseChannels.choose(services, ShippedAgent.NAME, checkpoint, hook, rankingMazes, top, controlSeed,
        ChannelOrder.valueOf("CHANNEL_ORDER_" + order.name()));
  }
}

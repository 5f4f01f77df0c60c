package dev.kibitz.games.zoo;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import dev.kibitz.core.hook.HookPoint;
import java.util.List;

/**
 * An IMPALA-style residual convolutional policy (Espeholt et al. 2018, as used by the procgen maze
 * agents): per stage conv3x3 -> max-pool 3x3/2 -> two residual blocks; then ReLU, a dense layer,
 * and policy and value heads. Hook points sit at every conv output, pool output, residual add, the
 * dense features and both heads.
 */
public final class ResidualConvPolicy {
  private ResidualConvPolicy() {}

  /** Layer sizes; input is [inputChannels, height, width]. */
  public record Config(int inputChannels, int height, int width, int[] stageChannels, int hiddenUnits, int actions) {
    public Config {
      stageChannels = stageChannels.clone();
    }

    public Shape inputShape(long batch) {
      return new Shape(batch, inputChannels, height, width);
    }
  }

  /** The maze agent's size: 3 observation planes on a 25x25 grid, stages of 16/32/32, 5 actions. */
  public static final Config MAZE = new Config(3, 25, 25, new int[] {16, 32, 32}, 256, 5);

  public static Block build(Config config) {
    SequentialBlock net = new SequentialBlock();
    for (int s = 0; s < config.stageChannels().length; s++) {
      String stage = "stages." + s;
      int channels = config.stageChannels()[s];
      net.add(ResidualBlock.conv3x3(channels));
      net.add(spatialHook(stage + ".conv_out", "stage input conv, before pooling"));
      net.add(Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1)));
      net.add(spatialHook(stage + ".pool_out", "after 3x3 stride-2 max-pool"));
      net.add(new ResidualBlock(stage + ".res.0", channels));
      net.add(new ResidualBlock(stage + ".res.1", channels));
    }
    net.add(Activation.reluBlock());
    net.add(Blocks.batchFlattenBlock());
    net.add(Linear.builder().setUnits(config.hiddenUnits()).build());
    net.add(Activation.reluBlock());
    net.add(new HookPoint("fc_out", List.of("feature"), "dense features after ReLU, shared by both heads"));
    net.add(new PolicyValueHeads(config.actions()));
    return net;
  }

  static HookPoint spatialHook(String name, String description) {
    return new HookPoint(name, List.of("channel", "row", "col"), description);
  }
}

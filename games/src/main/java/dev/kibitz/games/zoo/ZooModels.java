package dev.kibitz.games.zoo;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import dev.kibitz.core.model.BlockHookedModel;
import dev.kibitz.core.model.HookedModel;
import dev.kibitz.core.model.ModelEntry;
import dev.kibitz.core.model.ModelRegistry;
import dev.kibitz.core.tensor.DType;
import dev.kibitz.core.tensor.TensorSpec;
import dev.kibitz.games.chess.agent.ShippedChessPolicy;
import dev.kibitz.games.maze.agent.ShippedAgent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The models Kibitz ships, registered under their names. */
public final class ZooModels {
  private ZooModels() {}

  /** IMPALA-style residual conv policy on maze observations; seeded weights until the maze agent is trained. */
  public static final String RESCONV_POLICY = "resconv-policy";

  private static final String SEED_PREFIX = "init-seed-";

  public static void registerAll(ModelRegistry registry) {
    registry.register(new ModelEntry(RESCONV_POLICY,
        "IMPALA-style residual conv policy over 3x25x25 maze observations, 5 actions (deterministic seeded weights)",
        List.of(new ModelEntry.Checkpoint(SEED_PREFIX + "0", "He-uniform weights from seed 0"),
            new ModelEntry.Checkpoint(SEED_PREFIX + "1", "He-uniform weights from seed 1")),
        SEED_PREFIX + "0", card("resconv-policy.md"), ZooModels::loadResidualConvPolicy));
    ShippedAgent.entry().ifPresent(registry::register);
    registry.register(ShippedChessPolicy.entry());
  }

  /** The Elo-conditioned chess policy: seeded weights and the trained checkpoints ({@link ShippedChessPolicy}). */
  public static final String CHESS_POLICY = ShippedChessPolicy.NAME;

  static HookedModel loadResidualConvPolicy(String checkpoint, Device device) {
    long seed = Long.parseLong(checkpoint.substring(SEED_PREFIX.length()));
    ResidualConvPolicy.Config config = ResidualConvPolicy.MAZE;
    NDManager manager = NDManager.newBaseManager(device);
    Block block = ResidualConvPolicy.build(config);
    block.initialize(manager, DataType.FLOAT32, config.inputShape(1));
    SeededWeights.fill(block, seed);
    List<TensorSpec> inputs = List.of(new TensorSpec("obs", DType.FLOAT32,
        new long[] {config.inputChannels(), config.height(), config.width()}, List.of("channel", "row", "col"),
        "observation planes: walls, mouse, cheese"));
    List<TensorSpec> outputs = List.of(
        new TensorSpec("logits", DType.FLOAT32, new long[] {config.actions()}, List.of("action"),
            "action logits: up, down, left, right, no-op"),
        new TensorSpec("value", DType.FLOAT32, new long[] {1}, List.of("value"), "state value estimate"));
    return new BlockHookedModel(RESCONV_POLICY, checkpoint, block, manager, inputs, outputs);
  }

  private static String card(String resource) {
    try (InputStream in = ZooModels.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("model card resource " + resource + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

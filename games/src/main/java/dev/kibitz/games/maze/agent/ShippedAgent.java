package dev.kibitz.games.maze.agent;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import dev.kibitz.core.model.BlockHookedModel;
import dev.kibitz.core.model.HookedModel;
import dev.kibitz.core.model.ModelEntry;
import dev.kibitz.core.tensor.DType;
import dev.kibitz.core.tensor.Safetensors;
import dev.kibitz.core.tensor.TensorSpec;
import dev.kibitz.games.training.BlockWeights;
import dev.kibitz.games.zoo.ResidualConvPolicy;
import dev.kibitz.games.zoo.ZooResources;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The trained maze agent shipped as resources (dev/kibitz/games/zoo/maze-agent/): checkpoints
 * listed by training-log.json, the model card, and a loader for each checkpoint.
 */
public final class ShippedAgent {
  public static final String NAME = "maze-agent";
  static final String DIR = "/dev/kibitz/games/zoo/maze-agent/";

  private ShippedAgent() {}

  /** The registry entry, or empty when the agent has not been trained into the resources. */
  public static Optional<ModelEntry> entry() {
    String log = text("training-log.json");
    if (log == null) {
      return Optional.empty();
    }
    List<ModelEntry.Checkpoint> checkpoints = new ArrayList<>();
    for (JsonElement e : JsonParser.parseString(log).getAsJsonArray()) {
      int step = e.getAsJsonObject().get("step").getAsInt();
      checkpoints.add(new ModelEntry.Checkpoint(checkpointName(step), "weights after " + step + " training steps"));
    }
    String card = text("MODEL_CARD.md");
    return Optional.of(new ModelEntry(NAME,
        "IMPALA-style maze agent trained by behavioural cloning with the cheese in the top-right 5x5 region",
        checkpoints, checkpoints.get(checkpoints.size() - 1).name(), card == null ? "" : card, ShippedAgent::load));
  }

  public static String checkpointName(int step) {
    return String.format("step-%06d", step);
  }

  public static HookedModel load(String checkpoint, Device device) throws IOException {
    byte[] bytes = bytes(checkpoint + ".safetensors");
    if (bytes == null) {
      throw new IOException("maze-agent checkpoint resource " + checkpoint + ".safetensors is missing");
    }
    return load(bytes, checkpoint, device);
  }

  /** A checkpoint from a training output directory (before it is packaged as resources). */
  public static HookedModel loadFrom(java.nio.file.Path dir, String checkpoint, Device device) throws IOException {
    return load(java.nio.file.Files.readAllBytes(dir.resolve(checkpoint + ".safetensors")), checkpoint, device);
  }

  private static HookedModel load(byte[] bytes, String checkpoint, Device device) throws IOException {
    Safetensors.Contents weights = Safetensors.parse(ByteBuffer.wrap(bytes), NAME + "/" + checkpoint);
    ResidualConvPolicy.Config arch = ResidualConvPolicy.MAZE;
    NDManager manager = NDManager.newBaseManager(device);
    Block block = ResidualConvPolicy.build(arch);
    block.initialize(manager, DataType.FLOAT32, arch.inputShape(1));
    BlockWeights.load(block, weights, NAME + "/" + checkpoint);
    return new BlockHookedModel(NAME, checkpoint, block, manager, List.of(observationSpec()), outputSpecs(arch));
  }

  public static TensorSpec observationSpec() {
    return new TensorSpec("obs", DType.FLOAT32, new long[] {3, 25, 25}, List.of("channel", "row", "col"),
        "maze observation planes: walls, mouse, cheese (MazeEncoder)");
  }

  static List<TensorSpec> outputSpecs(ResidualConvPolicy.Config arch) {
    return List.of(
        new TensorSpec("logits", DType.FLOAT32, new long[] {arch.actions()}, List.of("action"),
            "action logits: up, down, left, right, no-op"),
        new TensorSpec("value", DType.FLOAT32, new long[] {1}, List.of("value"), "value head (untrained by cloning)"));
  }

  /** A shipped text resource, or null. */
  private static String text(String name) {
    return ZooResources.text(DIR, name);
  }

  private static byte[] bytes(String name) {
    return ZooResources.bytes(DIR, name);
  }
}

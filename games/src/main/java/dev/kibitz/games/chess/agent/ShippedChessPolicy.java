package dev.kibitz.games.chess.agent;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.kibitz.core.model.BlockHookedModel;
import dev.kibitz.core.model.HookedModel;
import dev.kibitz.core.model.ModelEntry;
import dev.kibitz.core.tensor.DType;
import dev.kibitz.core.tensor.Safetensors;
import dev.kibitz.core.tensor.TensorSpec;
import dev.kibitz.games.chess.encode.ChessEncoder;
import dev.kibitz.games.chess.encode.MoveVocabulary;
import dev.kibitz.games.training.BlockWeights;
import dev.kibitz.games.zoo.ChessPolicy;
import dev.kibitz.games.zoo.SeededWeights;
import dev.kibitz.games.zoo.ZooResources;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The chess policy as the zoo serves it: the seeded untrained weights ({@code init-seed-0}) and the
 * trained checkpoints shipped as resources under dev/kibitz/games/zoo/chess-policy/ (those that
 * training-log.json marks {@code shipped}), the last of them the default, with the model card.
 */
public final class ShippedChessPolicy {
  public static final String NAME = "chess-policy";
  public static final String SEEDED = "init-seed-0";
  static final String DIR = "/dev/kibitz/games/zoo/chess-policy/";

  private ShippedChessPolicy() {}

  public static ModelEntry entry() {
    List<ModelEntry.Checkpoint> checkpoints = new ArrayList<>();
    checkpoints.add(new ModelEntry.Checkpoint(SEEDED, "He-uniform weights from seed 0 (untrained)"));
    String log = text("training-log.json");
    if (log != null) {
      for (JsonElement e : JsonParser.parseString(log).getAsJsonArray()) {
        JsonObject o = e.getAsJsonObject();
        if (o.has("shipped") && o.get("shipped").getAsBoolean()) {
          int step = o.get("step").getAsInt();
          checkpoints.add(new ModelEntry.Checkpoint(checkpointName(step), "weights after " + step + " training steps"));
        }
      }
    }
    String card = text("MODEL_CARD.md");
    boolean trained = checkpoints.size() > 1;
    return new ModelEntry(NAME, "Elo-conditioned residual conv chess policy over 1858 moves ("
        + (trained ? "cloned from Stockfish games at 8 Elo levels" : "deterministic seeded weights, untrained") + ")",
        checkpoints, checkpoints.get(checkpoints.size() - 1).name(), card == null ? "" : card,
        ShippedChessPolicy::load);
  }

  public static String checkpointName(int step) {
    return String.format("step-%06d", step);
  }

  public static HookedModel load(String checkpoint, Device device) throws IOException {
    NDManager manager = NDManager.newBaseManager(device);
    try {
      return hooked(policy(checkpoint, manager), manager, checkpoint);
    } catch (IOException | RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /** A shipped checkpoint (or the seeded weights) as a bare block on {@code manager}, for training or analysis. */
  public static ChessPolicy policy(String checkpoint, NDManager manager) throws IOException {
    if (checkpoint.equals(SEEDED)) {
      ChessPolicy block = block(manager, ChessPolicy.SMALL);
      SeededWeights.fill(block, 0);
      return block;
    }
    byte[] bytes = bytes(checkpoint + ".safetensors");
    if (bytes == null) {
      throw new IOException("chess-policy checkpoint resource " + checkpoint + ".safetensors is missing");
    }
    Safetensors.Contents weights = Safetensors.parse(ByteBuffer.wrap(bytes), NAME + "/" + checkpoint);
    ChessPolicy block = block(manager, architecture(weights, NAME + "/" + checkpoint));
    BlockWeights.load(block, weights, NAME + "/" + checkpoint);
    return block;
  }

  /** A checkpoint from a training output folder (before it is shipped as a resource). */
  public static HookedModel loadFrom(Path dir, String checkpoint, Device device) throws IOException {
    return load(Files.readAllBytes(dir.resolve(checkpoint + ".safetensors")), checkpoint, device);
  }

  private static HookedModel load(byte[] bytes, String checkpoint, Device device) throws IOException {
    Safetensors.Contents weights = Safetensors.parse(ByteBuffer.wrap(bytes), NAME + "/" + checkpoint);
    NDManager manager = NDManager.newBaseManager(device);
    ChessPolicy block = block(manager, architecture(weights, NAME + "/" + checkpoint));
    BlockWeights.load(block, weights, NAME + "/" + checkpoint);
    return hooked(block, manager, checkpoint);
  }

  /** The architecture a checkpoint was trained with ({@code architecture} metadata; none: the first, one-hot SMALL). */
  public static ChessPolicy.Config architecture(Safetensors.Contents weights, String what) throws IOException {
    String text = weights.metadata().get("architecture");
    try {
      return text == null ? ChessPolicy.SMALL : ChessPolicy.Config.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IOException(what + ": " + e.getMessage(), e);
    }
  }

  private static ChessPolicy block(NDManager manager, ChessPolicy.Config config) {
    ChessPolicy block = new ChessPolicy(config);
    block.initialize(manager, DataType.FLOAT32, ChessPolicy.inputShapes(1, config));
    return block;
  }

  private static HookedModel hooked(ChessPolicy block, NDManager manager, String checkpoint) {
    List<TensorSpec> outputs = List.of(new TensorSpec("logits", DType.FLOAT32, new long[] {MoveVocabulary.size()},
        List.of("move"), "move logits over the vocabulary in the mover's frame; illegal moves at -1e9"));
    return new BlockHookedModel(NAME, checkpoint, block, manager,
        ChessEncoder.inputSpecs(block.config().tacticalPlanes()), outputs);
  }

  /** A shipped text resource, or null. */
  public static String text(String name) {
    return ZooResources.text(DIR, name);
  }

  private static byte[] bytes(String name) {
    return ZooResources.bytes(DIR, name);
  }
}

package dev.kibitz.games.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.kibitz.core.tensor.DType;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.core.tensor.Safetensors;
import dev.kibitz.core.tensor.TensorCodec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checkpoint files of a block: one safetensors file, one tensor per parameter under the block's
 * own parameter name. Stored as float16 to keep shipped checkpoints small; loaded back to float32.
 */
public final class BlockWeights {
  private BlockWeights() {}

  public static void save(Block block, Path file, Map<String, String> metadata) throws IOException {
    try (NDManager scratch = NDManager.newBaseManager()) {
      Map<String, HostTensor> tensors = new LinkedHashMap<>();
      for (Pair<String, Parameter> p : block.getParameters()) {
        NDArray half = p.getValue().getArray().toType(DataType.FLOAT16, true);
        scratch.attachAll(half);
        tensors.put(p.getKey(), TensorCodec.fromNDArray(half));
      }
      Safetensors.write(file, tensors, metadata);
    }
  }

  /** Sets every parameter of an initialized block from {@code contents}; names and shapes must match. */
  public static void load(Block block, Safetensors.Contents contents, String what) {
    Map<String, HostTensor> tensors = contents.tensors();
    try (NDManager scratch = NDManager.newBaseManager()) {
      for (Pair<String, Parameter> p : block.getParameters()) {
        HostTensor t = tensors.get(p.getKey());
        NDArray target = p.getValue().getArray();
        if (t == null) {
          throw new IllegalArgumentException(what + ": no tensor for parameter '" + p.getKey() + "'");
        }
        if (!java.util.Arrays.equals(t.shape(), target.getShape().getShape())) {
          throw new IllegalArgumentException(what + ": parameter '" + p.getKey() + "' has shape "
              + java.util.Arrays.toString(t.shape()) + ", the model expects " + target.getShape());
        }
        if (t.dtype() != DType.FLOAT16 && t.dtype() != DType.FLOAT32) {
          throw new IllegalArgumentException(what + ": parameter '" + p.getKey() + "' is " + t.dtype());
        }
        NDArray full = TensorCodec.toNDArray(scratch, t).toType(DataType.FLOAT32, false);
        target.set(full.toByteBuffer());
      }
      if (tensors.size() != block.getParameters().size()) {
        throw new IllegalArgumentException(what + ": " + tensors.size() + " tensors for "
            + block.getParameters().size() + " parameters");
      }
    }
  }
}

package dev.kibitz.games.maze.agent;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.core.tensor.Safetensors;
import dev.kibitz.core.tensor.TensorCodec;
import dev.kibitz.games.training.Adam;
import dev.kibitz.games.training.BlockWeights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The trainer's mutable state: the block's weights (which require gradients), Adam's two moments in
 * the same order, and the loss accumulated since the last checkpoint. Saved whole, in float32, as a
 * resume state; restored exactly.
 */
final class TrainingState {
  final Block block;
  final List<String> names;
  final List<NDArray> weights;
  final List<NDArray> m;
  final List<NDArray> v;
  double lossSum;
  int lossCount;

  TrainingState(Block block) {
    this.block = block;
    Adam.Moments moments = Adam.Moments.of(block);
    names = moments.names();
    weights = moments.weights();
    m = moments.m();
    v = moments.v();
  }

  /** A new phase: weights from the float16 phase-end checkpoint, Adam's moments back to zero. */
  void warmRestart(Path checkpoint) throws IOException {
    BlockWeights.load(block, Safetensors.read(checkpoint), checkpoint.getFileName().toString());
    for (int i = 0; i < weights.size(); i++) {
      m.get(i).muli(0f);
      v.get(i).muli(0f);
    }
    lossSum = 0;
    lossCount = 0;
  }

  /** Writes weights, moments and loss sums after global {@code step}, atomically. */
  void save(Path file, int step, TrainingConfig config) throws IOException {
    Map<String, HostTensor> tensors = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      tensors.put("w/" + names.get(i), TensorCodec.fromNDArray(weights.get(i)));
      tensors.put("m/" + names.get(i), TensorCodec.fromNDArray(m.get(i)));
      tensors.put("v/" + names.get(i), TensorCodec.fromNDArray(v.get(i)));
    }
    Map<String, String> metadata = new TreeMap<>();
    metadata.put("step", Integer.toString(step));
    metadata.put("loss_sum", Double.toString(lossSum));
    metadata.put("loss_count", Integer.toString(lossCount));
    metadata.put("config", config.toString());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Safetensors.write(tmp, tensors, metadata);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Restores what {@link #save} wrote; returns the global step it was saved after. */
  int restore(Safetensors.Contents contents, String what) {
    Map<String, HostTensor> tensors = contents.tensors();
    try (NDManager scratch = NDManager.newBaseManager()) {
      for (int i = 0; i < names.size(); i++) {
        set(scratch, weights.get(i), tensors.get("w/" + names.get(i)), what, "w/" + names.get(i));
        set(scratch, m.get(i), tensors.get("m/" + names.get(i)), what, "m/" + names.get(i));
        set(scratch, v.get(i), tensors.get("v/" + names.get(i)), what, "v/" + names.get(i));
      }
    }
    lossSum = Double.parseDouble(contents.metadata().get("loss_sum"));
    lossCount = Integer.parseInt(contents.metadata().get("loss_count"));
    return Integer.parseInt(contents.metadata().get("step"));
  }

  private static void set(NDManager scratch, NDArray target, HostTensor t, String what, String name) {
    if (t == null || !java.util.Arrays.equals(t.shape(), target.getShape().getShape())) {
      throw new IllegalArgumentException(what + ": tensor '" + name + "' is missing or has the wrong shape");
    }
    target.set(TensorCodec.toNDArray(scratch, t).toByteBuffer());
  }
}

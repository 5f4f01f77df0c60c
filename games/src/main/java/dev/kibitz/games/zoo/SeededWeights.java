package dev.kibitz.games.zoo;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.SplittableRandom;

/**
 * Deterministic weights from a seed, independent of the engine's RNG: He-uniform weights
 * (bound sqrt(6 / fan_in)), zero biases, parameters filled in the block tree's order. The same
 * seed gives the same bytes on every machine.
 */
public final class SeededWeights {
  private SeededWeights() {}

  public static void fill(Block initializedBlock, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    for (Pair<String, Parameter> p : initializedBlock.getParameters()) {
      NDArray array = p.getValue().getArray();
      long[] shape = array.getShape().getShape();
      int n = Math.toIntExact(array.size());
      ByteBuffer bytes = ByteBuffer.allocateDirect(n * 4).order(ByteOrder.nativeOrder());
      FloatBuffer floats = bytes.asFloatBuffer();
      if (p.getValue().getType() == Parameter.Type.WEIGHT) {
        long fanIn = n / shape[0];
        double bound = Math.sqrt(6.0 / fanIn);
        for (int i = 0; i < n; i++) {
          floats.put((float) ((random.nextDouble() * 2 - 1) * bound));
        }
      }
      array.set(bytes);
    }
  }
}

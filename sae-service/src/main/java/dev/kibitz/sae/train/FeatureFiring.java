package dev.kibitz.sae.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;

/**
 * Steps since each feature last fired on a training minibatch. A feature that has not fired for
 * {@code deadAfter} steps counts as dead: TopK's AuxK trains it, the others resample it.
 */
final class FeatureFiring {
  final long[] stepsSinceFired;

  FeatureFiring(long[] stepsSinceFired) {
    this.stepsSinceFired = stepsSinceFired;
  }

  static FeatureFiring fresh(int width) {
    return new FeatureFiring(new long[width]);
  }

  /** @param firedCounts per feature, how many rows of the step's batch it fired on */
  void record(float[] firedCounts) {
    for (int i = 0; i < stepsSinceFired.length; i++) {
      stepsSinceFired[i] = firedCounts[i] > 0 ? 0 : stepsSinceFired[i] + 1;
    }
  }

  boolean[] dead(int deadAfter) {
    boolean[] out = new boolean[stepsSinceFired.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = stepsSinceFired[i] >= deadAfter;
    }
    return out;
  }

  /** 1 for dead features, 0 otherwise, FLOAT32 [width]. */
  NDArray deadMask(NDManager manager, int deadAfter) {
    boolean[] dead = dead(deadAfter);
    float[] mask = new float[dead.length];
    for (int i = 0; i < mask.length; i++) {
      mask[i] = dead[i] ? 1 : 0;
    }
    return manager.create(mask);
  }

  void reset(int feature) {
    stepsSinceFired[feature] = 0;
  }

  long[] snapshot() {
    return Arrays.copyOf(stepsSinceFired, stepsSinceFired.length);
  }
}

package dev.kibitz.core.intervention;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import dev.kibitz.core.tensor.TensorSpec;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Resampling ablation: example i receives the activation of example {@code sourceIndex[i]} of the
 * same batch, or, with a {@code seed}, of a seeded random other example (a random cyclic
 * permutation, so no example keeps its own values when the batch has two or more).
 */
public record Resample(String hook, Selector selector, int[] sourceIndex, Long seed) implements Intervention {

  public static Resample indices(String hook, Selector selector, int... sourceIndex) {
    return new Resample(hook, selector, sourceIndex, null);
  }

  public static Resample seeded(String hook, Selector selector, long seed) {
    return new Resample(hook, selector, null, seed);
  }

  @Override
  public void validate(TensorSpec spec, String what, List<String> problems) {
    if ((sourceIndex == null) == (seed == null)) {
      problems.add(what + ": resample needs exactly one of source indices or a seed");
    }
  }

  @Override
  public void validateBatch(TensorSpec spec, EditContext context, String what, List<String> problems) {
    if (sourceIndex == null) {
      return;
    }
    if (sourceIndex.length != context.batchSize()) {
      problems.add(what + ": resample has " + sourceIndex.length + " source indices but the batch has "
          + context.batchSize() + " examples");
    }
    for (int i : sourceIndex) {
      if (i < 0 || i >= context.batchSize()) {
        problems.add(what + ": resample source index " + i + " is out of range for a batch of "
            + context.batchSize());
      }
    }
  }

  @Override
  public NDArray edit(NDArray x, TensorSpec spec, EditContext context) {
    long[] source = sources(context.batchSize());
    return x.get(new NDIndex("{}", context.manager().create(source)));
  }

  /** The source example of every example of a batch of {@code batchSize}. */
  public long[] sources(long batchSize) {
    long[] out = new long[(int) batchSize];
    if (sourceIndex != null) {
      for (int i = 0; i < out.length; i++) {
        out[i] = sourceIndex[i];
      }
      return out;
    }
    // Sattolo's algorithm: a uniformly random single cycle, hence no fixed point.
    for (int i = 0; i < out.length; i++) {
      out[i] = i;
    }
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = out.length - 1; i > 0; i--) {
      int j = random.nextInt(i);
      long t = out[i];
      out[i] = out[j];
      out[j] = t;
    }
    return out;
  }
}

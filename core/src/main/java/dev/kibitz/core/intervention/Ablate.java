package dev.kibitz.core.intervention;

import static dev.kibitz.core.intervention.ValueShape.PER_CHANNEL;
import static dev.kibitz.core.intervention.ValueShape.PER_EXAMPLE;

import ai.djl.ndarray.NDArray;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.core.tensor.TensorSpec;
import java.util.List;

/**
 * Zero ablation (x = 0) or mean ablation: x = mean, where mean is a given tensor (shape S or
 * [S[0]] per channel, e.g. a dataset mean) or, when none is given, the mean over the batch.
 */
public record Ablate(String hook, Selector selector, Mode mode, HostTensor mean) implements Intervention {

  public enum Mode { ZERO, MEAN }

  public static Ablate zero(String hook, Selector selector) {
    return new Ablate(hook, selector, Mode.ZERO, null);
  }

  public static Ablate batchMean(String hook, Selector selector) {
    return new Ablate(hook, selector, Mode.MEAN, null);
  }

  @Override
  public void validate(TensorSpec spec, String what, List<String> problems) {
    if (mode == null) {
      problems.add(what + ": ablation mode must be ZERO or MEAN");
    } else if (mode == Mode.ZERO && mean != null) {
      problems.add(what + ": a mean tensor was given for a zero ablation");
    } else if (mean != null) {
      ValueShape.check(mean, spec, ValueShape.of(PER_EXAMPLE, PER_CHANNEL), what + " ablation mean", problems);
    }
  }

  @Override
  public NDArray edit(NDArray x, TensorSpec spec, EditContext context) {
    if (mode == Mode.ZERO) {
      return x.zerosLike();
    }
    NDArray m = mean != null
        ? ValueShape.align(context.array(mean), spec.shape())
        : x.mean(new int[] {0}, true);
    return m.broadcast(x.getShape());
  }
}

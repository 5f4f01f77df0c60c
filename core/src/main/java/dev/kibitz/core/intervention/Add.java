package dev.kibitz.core.intervention;

import static dev.kibitz.core.intervention.ValueShape.PER_BATCH;
import static dev.kibitz.core.intervention.ValueShape.PER_CHANNEL;
import static dev.kibitz.core.intervention.ValueShape.PER_EXAMPLE;
import static dev.kibitz.core.intervention.ValueShape.SCALAR;

import ai.djl.ndarray.NDArray;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.core.tensor.TensorSpec;
import java.util.List;

/**
 * x + coefficient * vector. The vector is a scalar, shape S, [B]+S, or [S[0]] (per channel) on a
 * hook of rank >= 2: a steering vector added at every position.
 */
public record Add(String hook, Selector selector, HostTensor vector, float coefficient) implements Intervention {

  @Override
  public void validate(TensorSpec spec, String what, List<String> problems) {
    ValueShape.check(vector, spec, ValueShape.of(SCALAR, PER_EXAMPLE, PER_BATCH, PER_CHANNEL), what + " add vector",
        problems);
  }

  @Override
  public void validateBatch(TensorSpec spec, EditContext context, String what, List<String> problems) {
    ValueShape.checkBatch(vector, spec, context.batchSize(), what + " add vector", problems);
  }

  @Override
  public NDArray edit(NDArray x, TensorSpec spec, EditContext context) {
    NDArray v = ValueShape.align(context.array(vector), spec.shape());
    return x.add(v.mul(coefficient));
  }
}

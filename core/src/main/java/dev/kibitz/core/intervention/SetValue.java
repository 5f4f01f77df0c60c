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
 * x = value on the selected elements; value follows the Add broadcast rules (a scalar tensor is
 * the usual case: clamp one channel at one square to a large number).
 */
public record SetValue(String hook, Selector selector, HostTensor value) implements Intervention {

  public static SetValue scalar(String hook, Selector selector, float value) {
    return new SetValue(hook, selector, HostTensor.scalar(value));
  }

  @Override
  public void validate(TensorSpec spec, String what, List<String> problems) {
    if (value == null) {
      problems.add(what + ": set needs a scalar or a tensor value");
      return;
    }
    ValueShape.check(value, spec, ValueShape.of(SCALAR, PER_EXAMPLE, PER_BATCH, PER_CHANNEL), what + " set value",
        problems);
  }

  @Override
  public void validateBatch(TensorSpec spec, EditContext context, String what, List<String> problems) {
    ValueShape.checkBatch(value, spec, context.batchSize(), what + " set value", problems);
  }

  @Override
  public NDArray edit(NDArray x, TensorSpec spec, EditContext context) {
    NDArray v = ValueShape.align(context.array(value), spec.shape());
    return v.broadcast(x.getShape());
  }
}

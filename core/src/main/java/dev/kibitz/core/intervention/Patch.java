package dev.kibitz.core.intervention;

import static dev.kibitz.core.intervention.ValueShape.PER_BATCH;
import static dev.kibitz.core.intervention.ValueShape.PER_EXAMPLE;

import ai.djl.ndarray.NDArray;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.core.tensor.TensorSpec;
import java.util.List;

/**
 * Replaces the selected elements with values of shape S or [B]+S: given once ({@code values}) or
 * sent with every batch under the name {@code batchInput} (activation patching from a clean run).
 */
public record Patch(String hook, Selector selector, HostTensor values, String batchInput) implements Intervention {

  public static Patch of(String hook, Selector selector, HostTensor values) {
    return new Patch(hook, selector, values, null);
  }

  public static Patch fromBatchInput(String hook, Selector selector, String batchInput) {
    return new Patch(hook, selector, null, batchInput);
  }

  @Override
  public void validate(TensorSpec spec, String what, List<String> problems) {
    if ((values == null) == (batchInput == null || batchInput.isEmpty())) {
      problems.add(what + ": patch needs exactly one of values or batch_input");
    } else if (values != null) {
      ValueShape.check(values, spec, ValueShape.of(PER_EXAMPLE, PER_BATCH), what + " patch values", problems);
    }
  }

  @Override
  public void validateBatch(TensorSpec spec, EditContext context, String what, List<String> problems) {
    HostTensor v = values;
    String label = what + " patch values";
    if (v == null) {
      v = context.batchInputs().get(batchInput);
      label = what + " patch batch_input '" + batchInput + "'";
      if (v == null) {
        problems.add(label + ": the batch has no intervention input named '" + batchInput + "'");
        return;
      }
      ValueShape.check(v, spec, ValueShape.of(PER_EXAMPLE, PER_BATCH), label, problems);
    }
    ValueShape.checkBatch(v, spec, context.batchSize(), label, problems);
  }

  @Override
  public NDArray edit(NDArray x, TensorSpec spec, EditContext context) {
    HostTensor v = values != null ? values : context.batchInputs().get(batchInput);
    return ValueShape.align(context.array(v), spec.shape()).broadcast(x.getShape());
  }
}

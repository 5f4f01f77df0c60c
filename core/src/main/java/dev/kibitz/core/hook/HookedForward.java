package dev.kibitz.core.hook;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.kibitz.core.KibitzException;
import dev.kibitz.core.intervention.EditContext;
import dev.kibitz.core.model.HookedModel;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.core.tensor.Shapes;
import dev.kibitz.core.tensor.TensorCodec;
import dev.kibitz.core.tensor.TensorSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * One batch through a hooked model under a {@link ForwardPlan}: inputs checked against the model's
 * specs and the plan checked against the batch, all before any compute; then the forward pass with
 * the plan's hooks. Results live in the caller's batch manager.
 */
public final class HookedForward {
  private HookedForward() {}

  /** Outputs in the model's output order, captures in the plan's order. */
  public record Result(NDList outputs, Map<String, NDArray> captures, long batchSize) {}

  public static Result run(HookedModel model, ForwardPlan plan, NDManager batchManager, Map<String, HostTensor> inputs,
      Map<String, HostTensor> batchInputs, BooleanSupplier cancelled) {
    List<HostTensor> ordered = orderInputs(model, inputs);
    long batchSize = ordered.get(0).shape()[0];
    EditContext context = new EditContext(batchManager, batchSize, batchInputs);
    plan.validateBatch(context);
    NDList in = new NDList();
    for (HostTensor t : ordered) {
      in.add(TensorCodec.toNDArray(batchManager, t));
    }
    try (HookRun run = HookRun.open(plan, context, cancelled)) {
      NDList out = model.forward(in);
      return new Result(out, run.captures(), batchSize);
    }
  }

  /** Matches inputs to the model's input specs by name and checks dtype, shape and batch size. */
  static List<HostTensor> orderInputs(HookedModel model, Map<String, HostTensor> inputs) {
    List<TensorSpec> specs = model.inputs();
    List<String> problems = new ArrayList<>();
    List<HostTensor> ordered = new ArrayList<>();
    boolean anonymousSingle = specs.size() == 1 && inputs.size() == 1 && inputs.containsKey("");
    for (String given : inputs.keySet()) {
      if (!given.isEmpty() && specs.stream().noneMatch(s -> s.name().equals(given))) {
        problems.add("model '" + model.name() + "' has no input '" + given + "' (inputs: "
            + specs.stream().map(TensorSpec::name).toList() + ")");
      }
    }
    long batch = -1;
    for (TensorSpec spec : specs) {
      HostTensor t = anonymousSingle ? inputs.get("") : inputs.get(spec.name());
      if (t == null) {
        problems.add("input '" + spec.name() + "' is missing");
        continue;
      }
      long[] shape = t.shape();
      if (t.dtype() != spec.dtype()) {
        problems.add("input '" + spec.name() + "': dtype " + t.dtype() + ", expected " + spec.dtype());
      }
      if (shape.length != spec.rank() + 1 || !Arrays.equals(Shapes.dropFirst(shape), spec.shape())) {
        problems.add("input '" + spec.name() + "': shape " + Shapes.format(shape) + ", expected [batch]+"
            + Shapes.format(spec.shape()));
      } else if (shape[0] == 0) {
        problems.add("input '" + spec.name() + "': batch is empty");
      } else if (batch >= 0 && shape[0] != batch) {
        problems.add("input '" + spec.name() + "': batch of " + shape[0] + " but another input has " + batch);
      } else {
        batch = shape[0];
      }
      ordered.add(t);
    }
    if (!problems.isEmpty()) {
      throw KibitzException.invalid(String.join("; ", problems));
    }
    return ordered;
  }
}

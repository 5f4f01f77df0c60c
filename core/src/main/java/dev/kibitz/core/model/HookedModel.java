package dev.kibitz.core.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.kibitz.core.tensor.TensorSpec;
import java.util.List;

/**
 * A loaded model checkpoint whose forward pass goes through named hook points. Shapes in the specs
 * are per example; {@link #forward} takes and returns arrays with a leading batch axis.
 */
public interface HookedModel extends AutoCloseable {

  String name();

  String checkpoint();

  List<TensorSpec> inputs();

  List<TensorSpec> outputs();

  /** Every hook point, in forward order. */
  List<TensorSpec> hookPoints();

  /**
   * Hook points that can be captured but not edited (a TorchScript stage's extra outputs, which
   * nothing downstream reads); {@link dev.kibitz.core.hook.ForwardPlan} refuses interventions there.
   */
  default java.util.Set<String> readOnlyHooks() {
    return java.util.Set.of();
  }

  /** A manager on the model's device; batches open sub-managers of it. */
  NDManager manager();

  /**
   * Runs the model on {@code inputs} (in {@link #inputs()} order). Hooks act only if a
   * {@link dev.kibitz.core.hook.HookRun} is open on the calling thread. Safe to call from several
   * threads at once.
   */
  NDList forward(NDList inputs);

  @Override
  void close();
}

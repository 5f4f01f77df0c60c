package dev.kibitz.modelserver.forward;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.kibitz.core.hook.ForwardPlan;
import dev.kibitz.core.hook.HookedForward;
import dev.kibitz.core.model.HookedModel;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.core.tensor.TensorCodec;
import dev.kibitz.core.tensor.TensorSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * An open forward session: a validated plan on one loaded model. Batches run one at a time per
 * session (the transport keeps them in order); different sessions run concurrently.
 */
public final class ForwardSession {
  private final String id;
  private final HookedModel model;
  private final ForwardPlan plan;
  private long nextBatch;

  ForwardSession(String id, HookedModel model, ForwardPlan plan) {
    this.id = id;
    this.model = model;
    this.plan = plan;
  }

  public String id() {
    return id;
  }

  public HookedModel model() {
    return model;
  }

  public List<TensorSpec> captureSpecs() {
    return plan.captures().stream().map(plan::hook).toList();
  }

  /** Batches answered so far. */
  public synchronized long batchesRun() {
    return nextBatch;
  }

  /**
   * Runs one batch. Every array the pass makes lives in a batch sub-manager closed before return;
   * results are copied out to direct buffers.
   *
   * @param cancelled polled at every hook point; true aborts the pass with CANCELLED
   */
  public synchronized BatchResult run(Map<String, HostTensor> inputs, Map<String, HostTensor> batchInputs,
      BooleanSupplier cancelled) {
    long start = System.nanoTime();
    try (NDManager batch = model.manager().newSubManager()) {
      HookedForward.Result r = HookedForward.run(model, plan, batch, inputs, batchInputs, cancelled);
      long forwardNanos = System.nanoTime() - start;
      Map<String, HostTensor> outputs = new LinkedHashMap<>();
      for (int i = 0; i < r.outputs().size(); i++) {
        outputs.put(model.outputs().get(i).name(), TensorCodec.fromNDArray(r.outputs().get(i)));
      }
      Map<String, HostTensor> captures = new LinkedHashMap<>();
      for (Map.Entry<String, NDArray> e : r.captures().entrySet()) {
        captures.put(e.getKey(), TensorCodec.fromNDArray(e.getValue()));
      }
      return new BatchResult(nextBatch++, r.batchSize(), outputs, captures, forwardNanos);
    }
  }
}

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
   * Runs one batch and copies the results out; every array the pass made is closed on return.
   *
   * @param cancelled polled at every hook point; true aborts the pass with CANCELLED
   */
  public BatchResult run(Map<String, HostTensor> inputs, Map<String, HostTensor> batchInputs,
      BooleanSupplier cancelled) {
    try (RetainedBatch batch = runRetained(inputs, batchInputs, cancelled)) {
      return batch.copy();
    }
  }

  /**
   * Runs one batch, keeping its arrays open: the results are views into them until the returned
   * batch is closed.
   */
  public synchronized RetainedBatch runRetained(Map<String, HostTensor> inputs, Map<String, HostTensor> batchInputs,
      BooleanSupplier cancelled) {
    long start = System.nanoTime();
    NDManager batch = model.manager().newSubManager();
    try {
      HookedForward.Result r = HookedForward.run(model, plan, batch, inputs, batchInputs, cancelled);
      long forwardNanos = System.nanoTime() - start;
      Map<String, HostTensor> outputs = new LinkedHashMap<>();
      for (int i = 0; i < r.outputs().size(); i++) {
        outputs.put(model.outputs().get(i).name(), TensorCodec.view(r.outputs().get(i)));
      }
      Map<String, HostTensor> captures = new LinkedHashMap<>();
      for (Map.Entry<String, NDArray> e : r.captures().entrySet()) {
        captures.put(e.getKey(), TensorCodec.view(e.getValue()));
      }
      return new RetainedBatch(new BatchResult(nextBatch++, r.batchSize(), outputs, captures, forwardNanos), batch);
    } catch (RuntimeException | Error e) {
      batch.close();
      throw e;
    }
  }
}

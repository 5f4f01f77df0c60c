package dev.kibitz.core.hook;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.Shape;
import dev.kibitz.core.KibitzException;
import dev.kibitz.core.intervention.EditContext;
import dev.kibitz.core.intervention.Intervention;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.core.tensor.Shapes;
import dev.kibitz.core.tensor.TensorCodec;
import dev.kibitz.core.tensor.TensorSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The hooks of one forward pass on one thread: while open, every {@link HookPoint} the pass goes
 * through hands its activation here to be edited and captured. Opened and closed around a single
 * forward (try-with-resources), so no hook outlives the call.
 */
public final class HookRun implements AutoCloseable {
  private static final ThreadLocal<HookRun> CURRENT = new ThreadLocal<>();

  private final ForwardPlan plan;
  private final EditContext context;
  private final BooleanSupplier cancelled;
  private final Map<String, NDArray> captured = new LinkedHashMap<>();
  private final HookRun previous;

  private HookRun(ForwardPlan plan, EditContext context, BooleanSupplier cancelled) {
    this.plan = plan;
    this.context = context;
    this.cancelled = cancelled;
    this.previous = CURRENT.get();
    CURRENT.set(this);
  }

  /** Applies {@code plan} to the next forward pass on this thread. */
  public static HookRun open(ForwardPlan plan, EditContext context, BooleanSupplier cancelled) {
    return new HookRun(plan, context, cancelled);
  }

  /** Records every hook's activation, for measuring hook shapes when a model is loaded. */
  static HookRun recordAll(EditContext context) {
    return new HookRun(null, context, () -> false);
  }

  static HookRun current() {
    return CURRENT.get();
  }

  NDArray visit(String hook, NDArray activation) {
    if (cancelled.getAsBoolean()) {
      throw new KibitzException(KibitzException.Reason.CANCELLED, "forward pass cancelled at hook '" + hook + "'");
    }
    if (plan == null) {
      captured.put(hook, activation);
      return activation;
    }
    NDArray x = activation;
    for (int index : plan.interventionIndicesAt(hook)) {
      x = apply(index, x);
    }
    if (plan.captures().contains(hook)) {
      captured.put(hook, x);
    }
    return x;
  }

  private NDArray apply(int index, NDArray x) {
    Intervention iv = plan.interventions().get(index);
    TensorSpec spec = plan.hook(iv.hook());
    NDArray edited = iv.edit(x, spec, context);
    NDArray mask = selection(index, iv, spec);
    // DJL's PyTorch where() refuses a condition that only broadcasts against its operands.
    return mask == null ? edited : NDArrays.where(mask.broadcast(x.getShape()), edited, x);
  }

  /** The selector as a BOOL array that broadcasts against [B] + S, or null for everything. */
  private NDArray selection(int index, Intervention iv, TensorSpec spec) {
    HostTensor elementMask = plan.elementMask(index);
    NDArray mask = elementMask == null ? null
        : TensorCodec.toNDArray(context.manager(), elementMask).reshape(new Shape(Shapes.withBatch(1, spec.shape())));
    int[] examples = iv.selector().examples();
    if (examples.length == 0) {
      return mask;
    }
    boolean[] rows = new boolean[(int) context.batchSize()];
    for (int e : examples) {
      rows[e] = true;
    }
    long[] rowShape = new long[spec.rank() + 1];
    java.util.Arrays.fill(rowShape, 1);
    rowShape[0] = rows.length;
    NDArray rowMask = context.manager().create(rows, new Shape(rowShape));
    return mask == null ? rowMask : rowMask.logicalAnd(mask);
  }

  /** Captured activations, in the order the plan lists them (recording: in forward order). */
  public Map<String, NDArray> captures() {
    if (plan == null) {
      return captured;
    }
    Map<String, NDArray> ordered = new LinkedHashMap<>();
    for (String name : plan.captures()) {
      NDArray a = captured.get(name);
      if (a == null) {
        throw new IllegalStateException("hook '" + name + "' was not reached in the forward pass");
      }
      ordered.put(name, a);
    }
    return ordered;
  }

  @Override
  public void close() {
    if (previous == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(previous);
    }
  }
}

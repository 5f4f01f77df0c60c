package dev.kibitz.core.intervention;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.core.tensor.Shapes;
import dev.kibitz.core.tensor.TensorSpec;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * How a value tensor given to an intervention lines up with a hook's activation [B] + S:
 * the broadcast rules every intervention states in terms of these four cases.
 */
enum ValueShape {
  /** Shape []: one number for every element. */
  SCALAR,
  /** Shape S: the same for every example. */
  PER_EXAMPLE,
  /** Shape [B] + S: one per example; B must equal the batch size. */
  PER_BATCH,
  /** Shape [S[0]] on a hook of rank >= 2: one value per channel, repeated at every position. */
  PER_CHANNEL;

  static ValueShape classify(long[] value, long[] hook) {
    if (value.length == 0) {
      return SCALAR;
    }
    if (Arrays.equals(value, hook)) {
      return PER_EXAMPLE;
    }
    if (value.length == hook.length + 1 && Arrays.equals(Shapes.dropFirst(value), hook)) {
      return PER_BATCH;
    }
    if (hook.length >= 2 && value.length == 1 && value[0] == hook[0]) {
      return PER_CHANNEL;
    }
    return null;
  }

  /** Checks dtype and that the value has one of the {@code allowed} shapes. */
  static void check(HostTensor value, TensorSpec hook, Set<ValueShape> allowed, String what, List<String> problems) {
    if (value == null) {
      problems.add(what + ": a tensor is required");
      return;
    }
    if (value.dtype() != hook.dtype()) {
      problems.add(what + ": dtype " + value.dtype() + " does not match hook '" + hook.name() + "' dtype "
          + hook.dtype());
    }
    ValueShape kind = classify(value.shape(), hook.shape());
    if (kind == null || !allowed.contains(kind)) {
      problems.add(what + ": shape " + Shapes.format(value.shape()) + " does not fit hook '" + hook.name()
          + "' of shape " + Shapes.format(hook.shape()) + "; expected " + describe(allowed, hook.shape()));
    }
  }

  /** Per batch: a PER_BATCH value must have B rows. */
  static void checkBatch(HostTensor value, TensorSpec hook, long batchSize, String what, List<String> problems) {
    if (value != null && classify(value.shape(), hook.shape()) == PER_BATCH && value.shape()[0] != batchSize) {
      problems.add(what + ": tensor has " + value.shape()[0] + " rows but the batch has " + batchSize
          + " examples");
    }
  }

  /** Reshapes {@code value} so that it broadcasts against [B] + hook shape. */
  static NDArray align(NDArray value, long[] hook) {
    long[] v = value.getShape().getShape();
    switch (classify(v, hook)) {
      case SCALAR:
      case PER_BATCH:
        return value;
      case PER_EXAMPLE:
        return value.reshape(new Shape(Shapes.withBatch(1, hook)));
      case PER_CHANNEL:
        long[] s = new long[hook.length + 1];
        Arrays.fill(s, 1);
        s[1] = hook[0];
        return value.reshape(new Shape(s));
      default:
        throw new IllegalStateException("unvalidated value shape " + Shapes.format(v));
    }
  }

  static Set<ValueShape> of(ValueShape first, ValueShape... rest) {
    return EnumSet.of(first, rest);
  }

  private static String describe(Set<ValueShape> allowed, long[] hook) {
    StringBuilder b = new StringBuilder();
    for (ValueShape k : allowed) {
      if (k == PER_CHANNEL && hook.length < 2) {
        continue;
      }
      if (b.length() > 0) {
        b.append(" or ");
      }
      b.append(switch (k) {
        case SCALAR -> "[] (scalar)";
        case PER_EXAMPLE -> Shapes.format(hook);
        case PER_BATCH -> "[B]+" + Shapes.format(hook);
        case PER_CHANNEL -> "[" + hook[0] + "] (per channel)";
      });
    }
    return b.toString();
  }
}

package dev.kibitz.core.intervention;

import ai.djl.ndarray.NDArray;
import dev.kibitz.core.tensor.TensorSpec;
import java.util.List;

/**
 * A change to the activation at one hook point during a forward pass. One record per kind; each
 * checks itself against the hook point before any compute ({@link #validate}, then
 * {@link #validateBatch} per batch) and computes its new values ({@link #edit}); the
 * {@link Selector} decides which elements take them.
 */
public sealed interface Intervention
    permits Add, Scale, SetValue, Clamp, Ablate, Patch, Resample, ProjectOut, SaeEdit {

  /** Hook point name. */
  String hook();

  Selector selector();

  /** Adds a message for every problem that does not depend on the batch. */
  void validate(TensorSpec hook, String what, List<String> problems);

  /** Adds a message for every problem with a batch of {@code context.batchSize()}. */
  default void validateBatch(TensorSpec hook, EditContext context, String what, List<String> problems) {}

  /**
   * New values for the whole activation {@code x} of shape [batch] + hook shape; the selector
   * then keeps them only where selected. Arrays created here belong to {@code context.manager()}.
   */
  NDArray edit(NDArray x, TensorSpec hook, EditContext context);
}

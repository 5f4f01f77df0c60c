package dev.kibitz.core.hook;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.kibitz.core.intervention.EditContext;
import java.util.Map;
import java.util.function.Supplier;

/** Runs one forward pass recording every hook point's activation, to learn the hook shapes. */
public final class ShapeRecorder {
  private ShapeRecorder() {}

  /** Activations by hook name in forward order, and the forward's outputs. */
  public record Recording(Map<String, NDArray> activations, NDList outputs) {}

  public static Recording record(NDManager manager, Supplier<NDList> forward) {
    try (HookRun run = HookRun.recordAll(new EditContext(manager, 1, Map.of()))) {
      NDList out = forward.get();
      return new Recording(run.captures(), out);
    }
  }
}

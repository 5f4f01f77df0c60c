package dev.kibitz.core.intervention;

import ai.djl.ndarray.NDArray;
import dev.kibitz.core.tensor.TensorSpec;
import java.util.List;

/** min(max(x, min), max); a null bound is not applied. */
public record Clamp(String hook, Selector selector, Float min, Float max) implements Intervention {

  @Override
  public void validate(TensorSpec spec, String what, List<String> problems) {
    if (min == null && max == null) {
      problems.add(what + ": clamp needs a min, a max or both");
    }
    if (min != null && max != null && min > max) {
      problems.add(what + ": clamp min " + min + " is above max " + max);
    }
    if ((min != null && Float.isNaN(min)) || (max != null && Float.isNaN(max))) {
      problems.add(what + ": clamp bounds must not be NaN");
    }
  }

  @Override
  public NDArray edit(NDArray x, TensorSpec spec, EditContext context) {
    NDArray y = x;
    if (min != null) {
      y = y.maximum(min);
    }
    if (max != null) {
      y = y.minimum(max);
    }
    return y;
  }
}

package dev.kibitz.core.intervention;

import ai.djl.ndarray.NDArray;
import dev.kibitz.core.tensor.TensorSpec;
import java.util.List;

/** x * factor. */
public record Scale(String hook, Selector selector, float factor) implements Intervention {

  @Override
  public void validate(TensorSpec spec, String what, List<String> problems) {
    if (!Float.isFinite(factor)) {
      problems.add(what + ": scale factor " + factor + " is not finite");
    }
  }

  @Override
  public NDArray edit(NDArray x, TensorSpec spec, EditContext context) {
    return x.mul(factor);
  }
}

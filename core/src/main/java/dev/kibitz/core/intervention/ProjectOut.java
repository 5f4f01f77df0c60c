package dev.kibitz.core.intervention;

import static dev.kibitz.core.intervention.ValueShape.PER_CHANNEL;
import static dev.kibitz.core.intervention.ValueShape.PER_EXAMPLE;

import ai.djl.ndarray.NDArray;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.core.tensor.TensorSpec;
import java.util.List;

/**
 * Removes a direction: x - (x . d) d with d the unit direction. A direction of shape S projects the
 * whole per-example activation; one of shape [S[0]] projects along the channel axis at every
 * position separately.
 */
public record ProjectOut(String hook, Selector selector, HostTensor direction) implements Intervention {

  @Override
  public void validate(TensorSpec spec, String what, List<String> problems) {
    int before = problems.size();
    ValueShape.check(direction, spec, ValueShape.of(PER_EXAMPLE, PER_CHANNEL), what + " project_out direction",
        problems);
    if (problems.size() == before) {
      double norm = 0;
      for (float f : direction.toFloats()) {
        norm += (double) f * f;
      }
      if (!(norm > 0) || !Double.isFinite(norm)) {
        problems.add(what + ": project_out direction must have a finite non-zero norm");
      }
    }
  }

  @Override
  public NDArray edit(NDArray x, TensorSpec spec, EditContext context) {
    NDArray raw = context.array(direction);
    NDArray unit = ValueShape.align(raw.div(raw.norm()), spec.shape());
    boolean perChannel = ValueShape.classify(direction.shape(), spec.shape()) == PER_CHANNEL;
    int[] axes = perChannel ? new int[] {1} : allAxesButBatch(x.getShape().dimension());
    NDArray dot = x.mul(unit).sum(axes, true);
    return x.sub(dot.mul(unit));
  }

  private static int[] allAxesButBatch(int rank) {
    int[] axes = new int[rank - 1];
    for (int i = 0; i < axes.length; i++) {
      axes[i] = i + 1;
    }
    return axes;
  }
}

package dev.kibitz.core.hook;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;

/**
 * An identity block that names one site of a model's forward pass. Outside a {@link HookRun} it
 * passes its input through untouched; inside one, the run captures and edits the activation here.
 * Models place one wherever activations should be readable or changeable; the root finds them all
 * by walking the block tree.
 */
public final class HookPoint extends AbstractBlock {
  private final String hookName;
  private final List<String> axisNames;
  private final String description;

  /**
   * @param hookName dotted name, unique within the model, e.g. {@code stages.0.res.1.resid_out}
   * @param axisNames names of the per-example axes, e.g. [channel, row, col]
   */
  public HookPoint(String hookName, List<String> axisNames, String description) {
    this.hookName = hookName;
    this.axisNames = List.copyOf(axisNames);
    this.description = description;
  }

  public String hookName() {
    return hookName;
  }

  public List<String> axisNames() {
    return axisNames;
  }

  public String description() {
    return description;
  }

  @Override
  protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
      PairList<String, Object> params) {
    HookRun run = HookRun.current();
    return run == null ? inputs : new NDList(run.visit(hookName, inputs.singletonOrThrow()));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return inputShapes;
  }
}

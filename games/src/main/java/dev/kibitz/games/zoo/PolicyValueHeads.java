package dev.kibitz.games.zoo;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.kibitz.core.hook.HookPoint;
import java.util.List;

/** Two linear heads on the shared features: action logits and a state value. */
final class PolicyValueHeads extends AbstractBlock {
  private final Block policy;
  private final Block policyOut;
  private final Block value;
  private final Block valueOut;

  PolicyValueHeads(int actions) {
    policy = addChildBlock("policy", Linear.builder().setUnits(actions).build());
    policyOut = addChildBlock("policy_logits", new HookPoint("policy_logits", List.of("action"),
        "action logits (before softmax)"));
    value = addChildBlock("value", Linear.builder().setUnits(1).build());
    valueOut = addChildBlock("value_out", new HookPoint("value", List.of("value"), "state value estimate"));
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDList logits = policyOut.forward(ps, policy.forward(ps, inputs, training), training);
    NDList v = valueOut.forward(ps, value.forward(ps, inputs, training), training);
    return new NDList(logits.singletonOrThrow(), v.singletonOrThrow());
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    policy.initialize(manager, dataType, inputShapes);
    value.initialize(manager, dataType, inputShapes);
    policyOut.initialize(manager, dataType, policy.getOutputShapes(inputShapes));
    valueOut.initialize(manager, dataType, value.getOutputShapes(inputShapes));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {policy.getOutputShapes(inputShapes)[0], value.getOutputShapes(inputShapes)[0]};
  }
}

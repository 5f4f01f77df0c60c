package dev.kibitz.games.zoo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.kibitz.core.hook.HookPoint;

/**
 * IMPALA residual block: x + conv1(relu(conv0(relu(x)))), with hook points after each conv and
 * after the residual add ({@code <prefix>.conv0_out}, {@code .conv1_out}, {@code .resid_out}).
 */
final class ResidualBlock extends AbstractBlock {
  private final Block conv0;
  private final Block conv0Out;
  private final Block conv1;
  private final Block conv1Out;
  private final Block residOut;

  ResidualBlock(String prefix, int channels) {
    conv0 = addChildBlock("conv0", conv3x3(channels));
    conv0Out = addChildBlock("conv0_out", ResidualConvPolicy.spatialHook(prefix + ".conv0_out",
        "first conv of the residual branch, before its ReLU"));
    conv1 = addChildBlock("conv1", conv3x3(channels));
    conv1Out = addChildBlock("conv1_out", ResidualConvPolicy.spatialHook(prefix + ".conv1_out",
        "second conv of the residual branch (what the block adds)"));
    residOut = addChildBlock("resid_out", ResidualConvPolicy.spatialHook(prefix + ".resid_out",
        "residual stream after the block's add"));
  }

  static Conv2d conv3x3(int channels) {
    return Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(channels).build();
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    NDList h = new NDList(Activation.relu(x));
    h = conv0Out.forward(ps, conv0.forward(ps, h, training), training);
    h = new NDList(Activation.relu(h.singletonOrThrow()));
    h = conv1Out.forward(ps, conv1.forward(ps, h, training), training);
    return residOut.forward(ps, new NDList(x.add(h.singletonOrThrow())), training);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    for (Block child : getChildren().values()) {
      child.initialize(manager, dataType, inputShapes);
    }
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return inputShapes;
  }
}

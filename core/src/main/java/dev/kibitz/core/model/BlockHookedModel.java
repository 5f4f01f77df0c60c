package dev.kibitz.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.kibitz.core.hook.HookPoint;
import dev.kibitz.core.hook.ShapeRecorder;
import dev.kibitz.core.tensor.DType;
import dev.kibitz.core.tensor.Shapes;
import dev.kibitz.core.tensor.TensorSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link HookedModel} over an initialized DJL block tree. Hook points are found by walking the
 * tree; their shapes, and the outputs' shapes, are measured with one batch-of-one forward at load.
 */
public final class BlockHookedModel implements HookedModel {
  private final String name;
  private final String checkpoint;
  private final Block block;
  private final NDManager manager;
  private final List<TensorSpec> inputs;
  private final List<TensorSpec> outputs;
  private final List<TensorSpec> hookPoints;

  /**
   * @param block initialized, parameters loaded, its arrays owned by {@code manager}
   * @param manager closed with this model
   * @param outputs output specs; their shapes are replaced by the measured ones
   */
  public BlockHookedModel(String name, String checkpoint, Block block, NDManager manager, List<TensorSpec> inputs,
      List<TensorSpec> outputs) {
    this.name = name;
    this.checkpoint = checkpoint;
    this.block = block;
    this.manager = manager;
    this.inputs = List.copyOf(inputs);
    Map<String, HookPoint> points = new LinkedHashMap<>();
    collect(block, points);
    try (NDManager probe = manager.newSubManager()) {
      NDList zeros = new NDList();
      for (TensorSpec in : inputs) {
        zeros.add(probe.zeros(new Shape(Shapes.withBatch(1, in.shape())), in.dtype().djl()));
      }
      ShapeRecorder.Recording rec = ShapeRecorder.record(probe, () -> forward(zeros));
      this.hookPoints = hookSpecs(points, rec.activations());
      this.outputs = outputSpecs(outputs, rec.outputs());
    }
  }

  private static void collect(Block block, Map<String, HookPoint> out) {
    for (Block child : block.getChildren().values()) {
      if (child instanceof HookPoint hp) {
        if (out.put(hp.hookName(), hp) != null) {
          throw new IllegalArgumentException("hook point name '" + hp.hookName() + "' is used twice");
        }
      }
      collect(child, out);
    }
  }

  private List<TensorSpec> hookSpecs(Map<String, HookPoint> points, Map<String, NDArray> measured) {
    List<TensorSpec> specs = new ArrayList<>();
    for (Map.Entry<String, NDArray> e : measured.entrySet()) {
      HookPoint hp = points.get(e.getKey());
      NDArray a = e.getValue();
      specs.add(new TensorSpec(e.getKey(), DType.fromDjl(a.getDataType()), Shapes.dropFirst(a.getShape().getShape()),
          hp.axisNames(), hp.description()));
    }
    if (specs.size() != points.size()) {
      throw new IllegalArgumentException(name + ": " + points.size() + " hook points in the block tree but "
          + specs.size() + " reached by the forward pass");
    }
    return List.copyOf(specs);
  }

  private List<TensorSpec> outputSpecs(List<TensorSpec> declared, NDList measured) {
    if (declared.size() != measured.size()) {
      throw new IllegalArgumentException(name + ": " + declared.size() + " outputs declared, forward returned "
          + measured.size());
    }
    List<TensorSpec> specs = new ArrayList<>();
    for (int i = 0; i < declared.size(); i++) {
      NDArray a = measured.get(i);
      specs.add(declared.get(i).withShape(Shapes.dropFirst(a.getShape().getShape())));
    }
    return List.copyOf(specs);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String checkpoint() {
    return checkpoint;
  }

  @Override
  public List<TensorSpec> inputs() {
    return inputs;
  }

  @Override
  public List<TensorSpec> outputs() {
    return outputs;
  }

  @Override
  public List<TensorSpec> hookPoints() {
    return hookPoints;
  }

  @Override
  public NDManager manager() {
    return manager;
  }

  @Override
  public NDList forward(NDList in) {
    return block.forward(new ParameterStore(in.head().getManager(), false), in, false);
  }

  /** The block tree, for trainers and checkpoint writers. */
  public Block block() {
    return block;
  }

  @Override
  public void close() {
    manager.close();
  }
}

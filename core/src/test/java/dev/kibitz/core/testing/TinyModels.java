package dev.kibitz.core.testing;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.util.Pair;
import dev.kibitz.core.hook.ForwardPlan;
import dev.kibitz.core.hook.HookPoint;
import dev.kibitz.core.hook.HookedForward;
import dev.kibitz.core.intervention.Intervention;
import dev.kibitz.core.model.BlockHookedModel;
import dev.kibitz.core.model.HookedModel;
import dev.kibitz.core.tensor.DType;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.core.tensor.Shapes;
import dev.kibitz.core.tensor.TensorCodec;
import dev.kibitz.core.tensor.TensorSpec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Small hooked models for core's tests, and one forward pass through them under a plan.
 *
 * <p>{@link #passThrough} is {@code obs -> h -> flatten -> features}: hook "h" sees the input
 * itself, so an intervention's effect can be read off exactly. {@link #seededConv} is a conv net
 * with deterministic weights for checks on real downstream computation.
 */
public final class TinyModels {
  private TinyModels() {}

  public static final List<String> SPATIAL_AXES = List.of("channel", "row", "col");

  /** The pass-through model with hook "h" of shape [2, 2, 3] (channel, row, col). */
  public static HookedModel passThrough() {
    return passThrough(2, 2, 3);
  }

  /** Model "tiny": input "obs" of {@code shape} -> hook "h" -> flatten -> hook "features" -> output "flat". */
  public static HookedModel passThrough(long channels, long rows, long cols) {
    long[] shape = {channels, rows, cols};
    SequentialBlock net = new SequentialBlock();
    net.add(new HookPoint("h", SPATIAL_AXES, "the input, untouched"));
    net.add(Blocks.batchFlattenBlock());
    net.add(new HookPoint("features", List.of("feature"), "h flattened"));
    return load("tiny", net, shape, List.of(new TensorSpec("flat", DType.FLOAT32, new long[] {Shapes.elements(shape)},
        List.of("feature"), "h flattened")));
  }

  /**
   * Model "tiny-conv" on obs [2, 4, 4]: conv3x3 (3 filters) -> hook "conv_out" -> ReLU -> hook
   * "relu_out" -> flatten -> linear (4) -> hook "head_out" -> output "logits". Every weight and bias is
   * drawn uniformly from [-1, 1) by a SplittableRandom of {@code seed}, in parameter order.
   */
  public static HookedModel seededConv(long seed) {
    SequentialBlock net = new SequentialBlock();
    net.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(3).build());
    net.add(new HookPoint("conv_out", SPATIAL_AXES, "conv output"));
    net.add(Activation.reluBlock());
    net.add(new HookPoint("relu_out", SPATIAL_AXES, "after ReLU"));
    net.add(Blocks.batchFlattenBlock());
    net.add(Linear.builder().setUnits(4).build());
    net.add(new HookPoint("head_out", List.of("feature"), "linear head"));
    HookedModel model = load("tiny-conv", net, new long[] {2, 4, 4},
        List.of(new TensorSpec("logits", DType.FLOAT32, new long[] {4}, List.of("feature"), "logits")));
    SplittableRandom random = new SplittableRandom(seed);
    for (Pair<String, Parameter> p : net.getParameters()) {
      NDArray array = p.getValue().getArray();
      int n = Math.toIntExact(array.size());
      ByteBuffer bytes = ByteBuffer.allocateDirect(n * 4).order(ByteOrder.nativeOrder());
      for (int i = 0; i < n; i++) {
        bytes.putFloat((float) (random.nextDouble() * 2 - 1));
      }
      array.set(bytes.flip());
    }
    return model;
  }

  private static HookedModel load(String name, SequentialBlock net, long[] inputShape, List<TensorSpec> outputs) {
    NDManager manager = NDManager.newBaseManager(Device.cpu());
    net.initialize(manager, DataType.FLOAT32, new Shape(Shapes.withBatch(1, inputShape)));
    List<TensorSpec> inputs = List.of(new TensorSpec("obs", DType.FLOAT32, inputShape, SPATIAL_AXES, "planes"));
    return new BlockHookedModel(name, "test", net, manager, inputs, outputs);
  }

  /**
   * A batch of [batch] + shape whose element (b, c, r, k) is 100 b + 10 c + (r * cols + k) + 1, so
   * every number says where it sits: example 1, channel 1, position 2 holds 113.
   */
  public static HostTensor grid(int batch, long channels, long rows, long cols) {
    float[] v = new float[Math.toIntExact(batch * channels * rows * cols)];
    int plane = Math.toIntExact(rows * cols);
    for (int i = 0; i < v.length; i++) {
      int perExample = Math.toIntExact(channels) * plane;
      int b = i / perExample;
      int c = i % perExample / plane;
      v[i] = 100 * b + 10 * c + i % plane + 1;
    }
    return HostTensor.ofFloats(new long[] {batch, channels, rows, cols}, v);
  }

  /** {@link #grid} for the default pass-through shape [2, 2, 3]. */
  public static HostTensor grid(int batch) {
    return grid(batch, 2, 2, 3);
  }

  /** Seeded uniform [-1, 1) floats of [batch] + shape. */
  public static HostTensor randomInput(long seed, int batch, long... shape) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] v = new float[Math.toIntExact(batch * Shapes.elements(shape))];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (random.nextDouble() * 2 - 1);
    }
    return HostTensor.ofFloats(Shapes.withBatch(batch, shape), v);
  }

  /** What one forward pass produced, copied out of its batch manager. */
  public record Outcome(Map<String, HostTensor> outputs, Map<String, HostTensor> captures) {
    public float[] capture(String hook) {
      return captures.get(hook).toFloats();
    }
  }

  /** Validates the plan, runs one batch with input "obs", and copies outputs and captures out. */
  public static Outcome forward(HookedModel model, List<String> captures, List<Intervention> interventions,
      HostTensor obs, Map<String, HostTensor> batchInputs) {
    ForwardPlan plan = ForwardPlan.validate(model.name(), model.hookPoints(), captures, interventions);
    try (NDManager batch = model.manager().newSubManager()) {
      HookedForward.Result r = HookedForward.run(model, plan, batch, Map.of("obs", obs), batchInputs, () -> false);
      Map<String, HostTensor> outputs = new LinkedHashMap<>();
      for (int i = 0; i < model.outputs().size(); i++) {
        outputs.put(model.outputs().get(i).name(), TensorCodec.fromNDArray(r.outputs().get(i)));
      }
      Map<String, HostTensor> captured = new LinkedHashMap<>();
      r.captures().forEach((hook, a) -> captured.put(hook, TensorCodec.fromNDArray(a)));
      return new Outcome(outputs, captured);
    }
  }

  /** The activation at {@code hook} after {@code interventions}, as floats in C order. */
  public static float[] capture(HookedModel model, String hook, List<Intervention> interventions, HostTensor obs) {
    return capture(model, hook, interventions, obs, Map.of());
  }

  public static float[] capture(HookedModel model, String hook, List<Intervention> interventions, HostTensor obs,
      Map<String, HostTensor> batchInputs) {
    return forward(model, List.of(hook), interventions, obs, batchInputs).capture(hook);
  }
}

package dev.kibitz.modelserver.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kibitz.core.tensor.DType;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.core.tensor.TensorCodec;
import dev.kibitz.core.wire.InterventionProtos;
import dev.kibitz.games.zoo.ZooModels;
import dev.kibitz.modelserver.forward.BatchResult;
import dev.kibitz.modelserver.forward.ForwardService;
import dev.kibitz.modelserver.forward.ForwardSession;
import dev.kibitz.modelserver.forward.SessionSpec;
import dev.kibitz.proto.v1.Add;
import dev.kibitz.proto.v1.ForwardBatch;
import dev.kibitz.proto.v1.ForwardOpen;
import dev.kibitz.proto.v1.ForwardRequest;
import dev.kibitz.proto.v1.Intervention;
import dev.kibitz.proto.v1.NamedTensor;
import dev.kibitz.proto.v1.Position;
import dev.kibitz.proto.v1.Selector;
import dev.kibitz.proto.v1.SetValue;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Inputs, session plans and the in-process reference for the resconv-policy zoo model. Plans are
 * written once in wire form ({@link ForwardOpen}); the reference converts them with the same core
 * converter the server uses and runs them on {@link ForwardService} directly, without gRPC.
 */
public final class ForwardFixtures {
  private ForwardFixtures() {}

  public static final String MODEL = ZooModels.RESCONV_POLICY;
  public static final int CHANNELS = 3;
  public static final int GRID = 25;
  /** Bytes of one example's obs: float32 [3, 25, 25]. */
  public static final int OBS_BYTES = CHANNELS * GRID * GRID * 4;

  /** The 27 hook points of resconv-policy, in forward order. */
  public static List<String> allHooks() {
    List<String> hooks = new ArrayList<>();
    for (int s = 0; s < 3; s++) {
      hooks.add("stages." + s + ".conv_out");
      hooks.add("stages." + s + ".pool_out");
      for (int b = 0; b < 2; b++) {
        for (String site : List.of("conv0_out", "conv1_out", "resid_out")) {
          hooks.add("stages." + s + ".res." + b + "." + site);
        }
      }
    }
    hooks.addAll(List.of("fc_out", "policy_logits", "value"));
    return hooks;
  }

  /** obs float32 [batch, 3, 25, 25], uniform in [0, 1) from {@code seed}. */
  public static HostTensor observations(long seed, int batch) {
    SplittableRandom random = new SplittableRandom(seed);
    ByteBuffer bytes = ByteBuffer.allocateDirect(batch * OBS_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    FloatBuffer floats = bytes.asFloatBuffer();
    while (floats.hasRemaining()) {
      floats.put((float) random.nextDouble());
    }
    return new HostTensor(DType.FLOAT32, new long[] {batch, CHANNELS, GRID, GRID}, bytes);
  }

  public static Map<String, HostTensor> obs(long seed, int batch) {
    return Map.of("obs", observations(seed, batch));
  }

  public static ForwardRequest batchRequest(HostTensor obs) {
    return ForwardRequest.newBuilder().setBatch(ForwardBatch.newBuilder()
        .addInputs(NamedTensor.newBuilder().setName("obs").setTensor(TensorCodec.toProto(obs)))).build();
  }

  public static ForwardRequest openRequest(ForwardOpen open) {
    return ForwardRequest.newBuilder().setOpen(open).build();
  }

  public static ForwardOpen.Builder open(String... captures) {
    return ForwardOpen.newBuilder().setModel(MODEL).addAllCapture(List.of(captures));
  }

  /** x += coefficient * v at every position, v a seeded per-channel vector of length {@code channels}. */
  public static Intervention addPerChannel(String hook, int channels, long seed, float coefficient) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] v = new float[channels];
    for (int i = 0; i < channels; i++) {
      v[i] = (float) (random.nextDouble() * 2 - 1);
    }
    return Intervention.newBuilder().setHook(hook).setAdd(Add.newBuilder()
        .setVector(TensorCodec.toProto(HostTensor.ofFloats(new long[] {channels}, v))).setCoefficient(coefficient))
        .build();
  }

  /** x = value at one (channel, row, col) of every example. */
  public static Intervention setAt(String hook, int channel, int row, int col, float value) {
    return Intervention.newBuilder().setHook(hook)
        .setSelector(Selector.newBuilder().addChannels(channel)
            .addPositions(Position.newBuilder().setRow(row).setCol(col)))
        .setSet(SetValue.newBuilder().setScalar(value)).build();
  }

  /** Runs {@code open}'s plan on {@code batches} in-process: one session, batches in order. */
  public static List<BatchResult> runInProcess(ForwardService service, ForwardOpen open,
      List<Map<String, HostTensor>> batches) {
    ForwardSession session = service.open(new SessionSpec(open.getModel(), open.getCheckpoint(),
        open.getCaptureList(), InterventionProtos.fromProtos(open.getInterventionsList())));
    try {
      List<BatchResult> results = new ArrayList<>();
      for (Map<String, HostTensor> batch : batches) {
        results.add(session.run(batch, Map.of(), () -> false));
      }
      return results;
    } finally {
      service.release(session);
    }
  }

  /** Same names in the same order, each tensor with the same dtype, shape and bytes. */
  public static void assertSameTensors(Map<String, HostTensor> expected, Map<String, HostTensor> actual,
      String what) {
    assertEquals(List.copyOf(expected.keySet()), List.copyOf(actual.keySet()), what + " names");
    expected.forEach((name, e) -> {
      HostTensor a = actual.get(name);
      assertTrue(e.sameAs(a), () -> what + " '" + name + "': expected " + e + ", got " + a
          + (e.dtype() == a.dtype() && java.util.Arrays.equals(e.shape(), a.shape()) ? " (bytes differ)" : ""));
    });
  }
}

package dev.kibitz.core.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.google.protobuf.ByteString;
import dev.kibitz.core.KibitzException;
import dev.kibitz.proto.v1.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Wire tensor -> HostTensor -> NDArray -> HostTensor -> wire keeps dtype, shape and every byte.
 * BFLOAT16 goes wire -> HostTensor -> wire only: DJL 0.35.1's PyTorch engine cannot hold it, and
 * the codec refuses to hand it over rather than let the JVM abort.
 */
class TensorCodecRoundTripTest {
  private static final List<long[]> SHAPES = List.of(new long[0], new long[] {1}, new long[] {7}, new long[] {2, 3},
      new long[] {2, 3, 4}, new long[] {0}, new long[] {0, 3}, new long[] {2, 0, 4});

  static Stream<Arguments> everyDtypeAndShape() {
    List<Arguments> cases = new ArrayList<>();
    for (DType dtype : DType.values()) {
      for (long[] shape : SHAPES) {
        cases.add(Arguments.of(dtype, shape));
      }
    }
    return cases.stream();
  }

  static Stream<Arguments> engineDtypesAndShapes() {
    return everyDtypeAndShape().filter(a -> a.get()[0] != DType.BFLOAT16);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("everyDtypeAndShape")
  void wireTensorSurvivesTheRoundTripThroughHostMemoryByteForByte(DType dtype, long[] shape) {
    Tensor wire = wireTensor(dtype, shape, 17 * dtype.ordinal() + shape.length);

    HostTensor host = TensorCodec.fromProto(wire, "test tensor");
    Tensor back = TensorCodec.toProto(host);

    assertEquals(dtype, host.dtype());
    assertArrayEquals(shape, host.shape());
    assertEquals(wire.getDtype(), back.getDtype());
    assertEquals(wire.getShapeList(), back.getShapeList());
    assertArrayEquals(wire.getData().toByteArray(), back.getData().toByteArray());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("engineDtypesAndShapes")
  void wireTensorSurvivesTheRoundTripThroughTheEngineByteForByte(DType dtype, long[] shape) {
    Tensor wire = wireTensor(dtype, shape, 31 * dtype.ordinal() + shape.length);

    Tensor back;
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      NDArray array = TensorCodec.toNDArray(manager, TensorCodec.fromProto(wire, "test tensor"));
      assertEquals(dtype.djl(), array.getDataType());
      assertArrayEquals(shape, array.getShape().getShape());
      back = TensorCodec.toProto(TensorCodec.fromNDArray(array));
    }

    assertEquals(wire.getDtype(), back.getDtype());
    assertEquals(wire.getShapeList(), back.getShapeList());
    assertArrayEquals(wire.getData().toByteArray(), back.getData().toByteArray());
  }

  @ParameterizedTest(name = "BFLOAT16 {0}")
  @MethodSource("bfloat16Shapes")
  void bfloat16IsRefusedByTheEngineInsteadOfAbortingTheJvm(long[] shape) {
    HostTensor host = TensorCodec.fromProto(wireTensor(DType.BFLOAT16, shape, 5), "test tensor");

    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      KibitzException e = assertThrows(KibitzException.class, () -> TensorCodec.toNDArray(manager, host));
      assertEquals(KibitzException.Reason.INVALID_ARGUMENT, e.reason());
      assertTrue(e.getMessage().contains("BFLOAT16 " + Shapes.format(shape) + ": the PyTorch engine cannot"),
          e.getMessage());
    }
  }

  static Stream<long[]> bfloat16Shapes() {
    return SHAPES.stream();
  }

  /** Valid, finite elements of {@code dtype} from a seeded generator, as little-endian bytes. */
  private static Tensor wireTensor(DType dtype, long[] shape, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int n = Math.toIntExact(Shapes.elements(shape));
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(n * dtype.byteSize()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      switch (dtype) {
        case FLOAT32 -> b.putFloat((float) (random.nextDouble() * 200 - 100));
        // sign, exponent 0..30 (never the inf/NaN exponent 31), mantissa: subnormals included.
        case FLOAT16 -> b.putShort((short) (random.nextInt(2) << 15 | random.nextInt(31) << 10 | random.nextInt(1024)));
        case BFLOAT16 -> b.putShort((short) (Float.floatToIntBits((float) (random.nextDouble() * 2e6 - 1e6)) >>> 16));
        case INT32 -> b.putInt(random.nextInt());
        case INT64 -> b.putLong(random.nextLong());
        case BOOL -> b.put((byte) random.nextInt(2));
      }
    }
    Tensor.Builder t = Tensor.newBuilder().setDtype(dtype.proto()).setData(ByteString.copyFrom(b.array()));
    for (long d : shape) {
      t.addShape(d);
    }
    return t.build();
  }
}

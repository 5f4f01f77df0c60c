package dev.kibitz.core.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.protobuf.ByteString;
import dev.kibitz.proto.v1.Tensor;
import org.junit.jupiter.api.Test;

/** Wire bytes are C-order little-endian: checked against bytes built by hand, in both directions. */
class TensorCodecByteLayoutTest {

  /** 1.0f = 0x3F800000, -2.5f = 0xC0200000, 3.0f = 0x40400000, 0.5f = 0x3F000000, lowest byte first. */
  private static final byte[] FLOAT32_2X2 = bytes(
      0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x20, 0xC0, 0x00, 0x00, 0x40, 0x40, 0x00, 0x00, 0x00, 0x3F);

  /** 1, -2, 0x0102030405060708, lowest byte first. */
  private static final byte[] INT64_3 = bytes(
      0x01, 0, 0, 0, 0, 0, 0, 0,
      0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
      0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01);

  private static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  private static Tensor wire(dev.kibitz.proto.v1.DType dtype, byte[] data, long... shape) {
    Tensor.Builder t = Tensor.newBuilder().setDtype(dtype).setData(ByteString.copyFrom(data));
    for (long d : shape) {
      t.addShape(d);
    }
    return t.build();
  }

  @Test
  void float32WireBytesAreReadLittleEndianInCOrder() {
    HostTensor host = TensorCodec.fromProto(wire(dev.kibitz.proto.v1.DType.DTYPE_FLOAT32, FLOAT32_2X2, 2, 2), "t");

    assertArrayEquals(new float[] {1f, -2.5f, 3f, 0.5f}, host.toFloats());
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      NDArray a = TensorCodec.toNDArray(manager, host);
      assertEquals(-2.5f, a.getFloat(0, 1));
      assertEquals(3f, a.getFloat(1, 0));
    }
  }

  @Test
  void float32ArrayIsWrittenLittleEndianInCOrder() {
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      NDArray a = manager.create(new float[] {1f, -2.5f, 3f, 0.5f}, new Shape(2, 2));

      Tensor t = TensorCodec.toProto(TensorCodec.fromNDArray(a));

      assertEquals(dev.kibitz.proto.v1.DType.DTYPE_FLOAT32, t.getDtype());
      assertEquals(java.util.List.of(2L, 2L), t.getShapeList());
      assertArrayEquals(FLOAT32_2X2, t.getData().toByteArray());
    }
    assertArrayEquals(FLOAT32_2X2,
        TensorCodec.toProto(HostTensor.ofFloats(new long[] {2, 2}, 1f, -2.5f, 3f, 0.5f)).getData().toByteArray());
  }

  @Test
  void int64WireBytesAreReadLittleEndian() {
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      NDArray a = TensorCodec.toNDArray(manager,
          TensorCodec.fromProto(wire(dev.kibitz.proto.v1.DType.DTYPE_INT64, INT64_3, 3), "t"));

      assertEquals(DataType.INT64, a.getDataType());
      assertArrayEquals(new long[] {1, -2, 0x0102030405060708L}, a.toLongArray());
    }
  }

  @Test
  void int64ArrayIsWrittenLittleEndian() {
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      NDArray a = manager.create(new long[] {1, -2, 0x0102030405060708L});

      assertArrayEquals(INT64_3, TensorCodec.toProto(TensorCodec.fromNDArray(a)).getData().toByteArray());
    }
  }

  @Test
  void float16Int32AndBoolBytesMeanWhatTheWireSays() {
    // float16 1.5 = 0x3E00, -2 = 0xC000; int32 -3 = 0xFFFFFFFD.
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      NDArray f16 = TensorCodec.toNDArray(manager, TensorCodec.fromProto(
          wire(dev.kibitz.proto.v1.DType.DTYPE_FLOAT16, bytes(0x00, 0x3E, 0x00, 0xC0), 2), "t"));
      NDArray i32 = TensorCodec.toNDArray(manager, TensorCodec.fromProto(
          wire(dev.kibitz.proto.v1.DType.DTYPE_INT32, bytes(0xFD, 0xFF, 0xFF, 0xFF, 0x07, 0, 0, 0), 2), "t"));
      NDArray bool = TensorCodec.toNDArray(manager, TensorCodec.fromProto(
          wire(dev.kibitz.proto.v1.DType.DTYPE_BOOL, bytes(1, 0, 1), 3), "t"));

      assertArrayEquals(new float[] {1.5f, -2f}, f16.toType(DataType.FLOAT32, false).toFloatArray());
      assertArrayEquals(new int[] {-3, 7}, i32.toIntArray());
      assertArrayEquals(new boolean[] {true, false, true}, bool.toBooleanArray());
    }
  }

  @Test
  void bfloat16BytesAreTheUpperHalfOfFloat32LittleEndian() {
    // bfloat16 1.5 = 0x3FC0 (float32 0x3FC00000), -2 = 0xC000 (float32 0xC0000000).
    HostTensor host = TensorCodec.fromProto(
        wire(dev.kibitz.proto.v1.DType.DTYPE_BFLOAT16, bytes(0xC0, 0x3F, 0x00, 0xC0), 2), "t");

    assertEquals(1.5f, Float.intBitsToFloat(host.data().getShort(0) << 16));
    assertEquals(-2f, Float.intBitsToFloat(host.data().getShort(2) << 16));
  }

  @Test
  void scalarShapeHoldsExactlyOneElement() {
    Tensor t = TensorCodec.toProto(HostTensor.scalar(1f));

    assertEquals(0, t.getShapeCount());
    assertArrayEquals(bytes(0x00, 0x00, 0x80, 0x3F), t.getData().toByteArray());
  }
}

package dev.kibitz.core.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.kibitz.core.KibitzException;
import dev.kibitz.proto.v1.DType;
import dev.kibitz.proto.v1.Tensor;
import org.junit.jupiter.api.Test;

/** A wire tensor that is not what it says is refused as INVALID_ARGUMENT, naming the tensor and the problem. */
class WireTensorValidationTest {

  private static String refusal(Tensor.Builder t) {
    KibitzException e = assertThrows(KibitzException.class, () -> TensorCodec.fromProto(t.build(), "input 'obs'"));
    assertEquals(KibitzException.Reason.INVALID_ARGUMENT, e.reason());
    assertTrue(e.getMessage().startsWith("input 'obs': "), e.getMessage());
    return e.getMessage();
  }

  private static void assertContains(String expected, String message) {
    assertTrue(message.contains(expected), () -> "expected '" + expected + "' in: " + message);
  }

  @Test
  void unspecifiedDtypeIsRefused() {
    String m = refusal(Tensor.newBuilder().addShape(1).setData(ByteString.copyFrom(new byte[4])));

    assertContains("dtype DTYPE_UNSPECIFIED is not one of [FLOAT32, FLOAT16, BFLOAT16, INT32, INT64, BOOL]", m);
  }

  @Test
  void unknownDtypeNumberIsRefused() {
    String m = refusal(Tensor.newBuilder().setDtypeValue(42).addShape(1).setData(ByteString.copyFrom(new byte[4])));

    assertContains("dtype UNRECOGNIZED is not one of", m);
  }

  @Test
  void negativeDimensionIsRefused() {
    String m = refusal(Tensor.newBuilder().setDtype(DType.DTYPE_FLOAT32).addShape(2).addShape(-1));

    assertContains("shape [2, -1] has a negative dimension", m);
  }

  @Test
  void byteCountThatDoesNotMatchTheShapeIsRefused() {
    String m = refusal(Tensor.newBuilder().setDtype(DType.DTYPE_FLOAT32).addShape(2).addShape(3)
        .setData(ByteString.copyFrom(new byte[20])));

    assertContains("FLOAT32 [2, 3] needs 24 bytes, got 20", m);
  }

  @Test
  void zeroSizedShapeWithBytesIsRefused() {
    String m = refusal(Tensor.newBuilder().setDtype(DType.DTYPE_INT64).addShape(0).addShape(3)
        .setData(ByteString.copyFrom(new byte[8])));

    assertContains("INT64 [0, 3] needs 0 bytes, got 8", m);
  }

  @Test
  void scalarWithoutBytesIsRefused() {
    String m = refusal(Tensor.newBuilder().setDtype(DType.DTYPE_INT32));

    assertContains("INT32 [] needs 4 bytes, got 0", m);
  }

  @Test
  void shapeWhoseByteCountOverflowsIsRefused() {
    String m = refusal(Tensor.newBuilder().setDtype(DType.DTYPE_FLOAT32).addShape(1L << 40).addShape(1L << 30));

    assertContains("is too large", m);
  }

  @Test
  void boolByteOtherThanZeroOrOneIsRefused() {
    String m = refusal(Tensor.newBuilder().setDtype(DType.DTYPE_BOOL).addShape(3)
        .setData(ByteString.copyFrom(new byte[] {1, 2, 0})));

    assertContains("bool element 1 is byte 2, expected 0 or 1", m);
  }
}

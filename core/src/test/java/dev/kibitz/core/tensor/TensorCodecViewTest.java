package dev.kibitz.core.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** view() shares the engine's memory; fromNDArray() owns a copy. */
class TensorCodecViewTest {

  @Test
  void viewSeesLaterWritesToTheArrayWhileTheCopyKeepsTheOldValues() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray a = manager.create(new float[] {1, 2, 3, 4, 5, 6}, new Shape(2, 3));
      HostTensor view = TensorCodec.view(a);
      HostTensor copy = TensorCodec.fromNDArray(a);
      assertTrue(view.data().isDirect());
      assertTrue(view.sameAs(copy));
      assertArrayEquals(new long[] {2, 3}, view.shape());

      a.muli(-1); // in place: same storage

      assertArrayEquals(new float[] {-1, -2, -3, -4, -5, -6}, view.toFloats());
      assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, copy.toFloats());
    }
  }

  @Test
  void viewOfAnEmptyArrayHasNoBytesAndKeepsItsShape() {
    try (NDManager manager = NDManager.newBaseManager()) {
      HostTensor view = TensorCodec.view(manager.zeros(new Shape(0, 7)));
      assertEquals(0, view.byteSize());
      assertArrayEquals(new long[] {0, 7}, view.shape());
      assertEquals(DType.FLOAT32, view.dtype());
    }
  }
}

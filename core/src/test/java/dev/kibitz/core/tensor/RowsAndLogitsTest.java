package dev.kibitz.core.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class RowsAndLogitsTest {
  @Test
  void rowsStackIntoOneFloatTensorInOrder() {
    HostTensor t = HostTensor.ofRows(List.of(new float[] {1, 2, 3}, new float[] {4, 5, 6}));
    assertEquals(DType.FLOAT32, t.dtype());
    assertArrayEquals(new long[] {2, 3}, t.shape());
    assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, t.toFloats());
    assertEquals("row 1 has 2 values, row 0 has 3", assertThrows(IllegalArgumentException.class,
        () -> HostTensor.ofRows(List.of(new float[3], new float[2]))).getMessage());
  }

  @Test
  void argmaxAndTopKPickTheLargestFirstIndexOnTies() {
    float[] v = {0.1f, 0.7f, 0.7f, -2f, 0.3f};
    assertEquals(1, Logits.argmax(v));
    assertEquals(2, Logits.argmax(new double[] {-3.0, -1.5, -0.25, -0.25, -9.0}));
    assertEquals(List.of(1, 2, 4), Logits.topK(v, 3));
    assertEquals(List.of(1, 2, 4, 0, 3), Logits.topK(v, 9));
  }
}

package dev.kibitz.core.intervention;

import static dev.kibitz.core.testing.TinyModels.capture;
import static dev.kibitz.core.testing.TinyModels.grid;
import static dev.kibitz.core.testing.TinyModels.passThrough;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kibitz.core.model.HookedModel;
import dev.kibitz.core.tensor.HostTensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ProjectOut over grid batches (100 b + 10 c + p + 1). Directions have four entries of equal
 * magnitude, so the unit direction holds +-0.5 and every number below is exact in float32.
 */
class ProjectOutInterventionTest {

  /** 1 at channel 0 and 1, rows 0 and 1, column 0 of a [2, 2, 3] hook: flat 0, 3, 6, 9. */
  private static HostTensor fullDirection(float magnitude) {
    float m = magnitude;
    return HostTensor.ofFloats(new long[] {2, 2, 3}, m, 0, 0, m, 0, 0, m, 0, 0, m, 0, 0);
  }

  @Test
  void fullShapeDirectionIsRemovedFromEachExample() {
    try (HookedModel model = passThrough()) {
      float[] h = capture(model, "h", List.of(new ProjectOut("h", Selector.ALL, fullDirection(1))), grid(2));

      // Example 0: x . d / |d|^2 = (1 + 4 + 11 + 14) / 4 = 7.5; example 1: 430 / 4 = 107.5.
      assertArrayEquals(new float[] {
          -6.5f, 2, 3, -3.5f, 5, 6, /* ch1 */ 3.5f, 12, 13, 6.5f, 15, 16,
          -6.5f, 102, 103, -3.5f, 105, 106, /* ch1 */ 3.5f, 112, 113, 6.5f, 115, 116}, h);
      float[] d = fullDirection(1).toFloats();
      for (int b = 0; b < 2; b++) {
        float dot = 0;
        for (int i = 0; i < 12; i++) {
          dot += h[12 * b + i] * d[i];
        }
        assertEquals(0f, dot, "example " + b + ": x . d after projecting out");
      }
    }
  }

  @Test
  void directionIsNormalizedBeforeProjecting() {
    try (HookedModel model = passThrough()) {
      float[] unitLength = capture(model, "h", List.of(new ProjectOut("h", Selector.ALL, fullDirection(0.5f))),
          grid(2));
      float[] long6 = capture(model, "h", List.of(new ProjectOut("h", Selector.ALL, fullDirection(3))), grid(2));

      assertArrayEquals(unitLength, long6);
      assertEquals(-6.5f, long6[0]);
    }
  }

  @Test
  void perChannelDirectionIsRemovedAtEveryPositionSeparately() {
    // Hook [4 channels, 1 row, 2 cols]; d = (1, -1, 1, 1) on the channel axis.
    try (HookedModel model = passThrough(4, 1, 2)) {
      HostTensor d = HostTensor.ofFloats(new long[] {4}, 1, -1, 1, 1);

      float[] h = capture(model, "h", List.of(new ProjectOut("h", Selector.ALL, d)), grid(2, 4, 1, 2));

      // Example 0, col 0: x = (1, 11, 21, 31), x . d / 4 = 42 / 4 = 10.5, x - 10.5 d.
      assertArrayEquals(new float[] {
          -9.5f, -9, /* ch1 */ 21.5f, 23, /* ch2 */ 10.5f, 11, /* ch3 */ 20.5f, 21,
          40.5f, 41, /* ch1 */ 171.5f, 173, /* ch2 */ 60.5f, 61, /* ch3 */ 70.5f, 71}, h);
      float[] dv = d.toFloats();
      for (int b = 0; b < 2; b++) {
        for (int col = 0; col < 2; col++) {
          float dot = 0;
          for (int c = 0; c < 4; c++) {
            dot += h[8 * b + 2 * c + col] * dv[c];
          }
          assertEquals(0f, dot, "example " + b + " col " + col + ": x . d after projecting out");
        }
      }
    }
  }
}

package dev.kibitz.core.intervention;

import static dev.kibitz.core.testing.TinyModels.capture;
import static dev.kibitz.core.testing.TinyModels.grid;
import static dev.kibitz.core.testing.TinyModels.passThrough;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.kibitz.core.model.HookedModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Clamp on hook "h" [2, 2, 3] over the grid batch (100 b + 10 c + p + 1); an unset bound is not applied. */
class ClampInterventionTest {

  private static float[] clampGrid(Float min, Float max) {
    try (HookedModel model = passThrough()) {
      return capture(model, "h", List.of(new Clamp("h", Selector.ALL, min, max)), grid(2));
    }
  }

  @Test
  void minOnlyRaisesSmallerElementsAndLeavesLargerOnes() {
    float[] h = clampGrid(5f, null);

    assertArrayEquals(new float[] {
        5, 5, 5, 5, 5, 6, /* ch1 */ 11, 12, 13, 14, 15, 16,
        101, 102, 103, 104, 105, 106, /* ch1 */ 111, 112, 113, 114, 115, 116}, h);
  }

  @Test
  void maxOnlyLowersLargerElementsAndLeavesSmallerOnes() {
    float[] h = clampGrid(null, 12f);

    assertArrayEquals(new float[] {
        1, 2, 3, 4, 5, 6, /* ch1 */ 11, 12, 12, 12, 12, 12,
        12, 12, 12, 12, 12, 12, /* ch1 */ 12, 12, 12, 12, 12, 12}, h);
  }

  @Test
  void bothBoundsClampIntoTheInterval() {
    float[] h = clampGrid(3f, 104f);

    assertArrayEquals(new float[] {
        3, 3, 3, 4, 5, 6, /* ch1 */ 11, 12, 13, 14, 15, 16,
        101, 102, 103, 104, 104, 104, /* ch1 */ 104, 104, 104, 104, 104, 104}, h);
  }

  @Test
  void equalBoundsSetEveryElementToThatValue() {
    float[] h = clampGrid(-2f, -2f);

    float[] expected = new float[24];
    java.util.Arrays.fill(expected, -2f);
    assertArrayEquals(expected, h);
  }
}

package dev.kibitz.core.intervention;

import static dev.kibitz.core.testing.TinyModels.capture;
import static dev.kibitz.core.testing.TinyModels.grid;
import static dev.kibitz.core.testing.TinyModels.passThrough;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.kibitz.core.model.HookedModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scale on hook "h" [2, 2, 3] over the grid batch (100 b + 10 c + p + 1). */
class ScaleInterventionTest {

  @Test
  void scaleMultipliesEveryElementByTheFactor() {
    try (HookedModel model = passThrough()) {
      float[] h = capture(model, "h", List.of(new Scale("h", Selector.ALL, -0.5f)), grid(2));

      assertArrayEquals(new float[] {
          -0.5f, -1, -1.5f, -2, -2.5f, -3, /* ch1 */ -5.5f, -6, -6.5f, -7, -7.5f, -8,
          -50.5f, -51, -51.5f, -52, -52.5f, -53, /* ch1 */ -55.5f, -56, -56.5f, -57, -57.5f, -58}, h);
    }
  }

  @Test
  void scaleByOneLeavesTheActivationUnchanged() {
    try (HookedModel model = passThrough()) {
      float[] h = capture(model, "h", List.of(new Scale("h", Selector.ALL, 1f)), grid(2));

      assertArrayEquals(grid(2).toFloats(), h);
    }
  }
}

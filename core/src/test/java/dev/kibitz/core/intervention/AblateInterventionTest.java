package dev.kibitz.core.intervention;

import static dev.kibitz.core.testing.TinyModels.capture;
import static dev.kibitz.core.testing.TinyModels.grid;
import static dev.kibitz.core.testing.TinyModels.passThrough;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.kibitz.core.model.HookedModel;
import dev.kibitz.core.tensor.HostTensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ablate on hook "h" [2, 2, 3] over the grid batch (100 b + 10 c + p + 1). */
class AblateInterventionTest {

  private static float[] ablateGrid(Ablate ablate, int batch) {
    try (HookedModel model = passThrough()) {
      return capture(model, "h", List.of(ablate), grid(batch));
    }
  }

  @Test
  void zeroAblationReplacesEveryElementWithZero() {
    float[] h = ablateGrid(Ablate.zero("h", Selector.ALL), 2);

    assertArrayEquals(new float[24], h);
  }

  @Test
  void meanAblationWithAGivenMeanReplacesEveryExampleWithIt() {
    HostTensor mean = HostTensor.ofFloats(new long[] {2, 2, 3}, 0.5f, 1, 1.5f, 2, 2.5f, 3, -1, -2, -3, -4, -5, -6);

    float[] h = ablateGrid(new Ablate("h", Selector.ALL, Ablate.Mode.MEAN, mean), 2);

    assertArrayEquals(new float[] {
        0.5f, 1, 1.5f, 2, 2.5f, 3, /* ch1 */ -1, -2, -3, -4, -5, -6,
        0.5f, 1, 1.5f, 2, 2.5f, 3, /* ch1 */ -1, -2, -3, -4, -5, -6}, h);
  }

  @Test
  void meanAblationWithAPerChannelMeanFillsEachChannel() {
    HostTensor mean = HostTensor.ofFloats(new long[] {2}, 7, -7);

    float[] h = ablateGrid(new Ablate("h", Selector.ALL, Ablate.Mode.MEAN, mean), 2);

    assertArrayEquals(new float[] {
        7, 7, 7, 7, 7, 7, /* ch1 */ -7, -7, -7, -7, -7, -7,
        7, 7, 7, 7, 7, 7, /* ch1 */ -7, -7, -7, -7, -7, -7}, h);
  }

  @Test
  void meanAblationWithoutAMeanUsesTheMeanOverTheBatch() {
    // Examples hold x, x + 100 and x + 200: their mean is x + 100.
    float[] h = ablateGrid(Ablate.batchMean("h", Selector.ALL), 3);

    float[] example1 = {101, 102, 103, 104, 105, 106, 111, 112, 113, 114, 115, 116};
    float[] expected = new float[36];
    for (int b = 0; b < 3; b++) {
      System.arraycopy(example1, 0, expected, 12 * b, 12);
    }
    assertArrayEquals(expected, h);
  }
}

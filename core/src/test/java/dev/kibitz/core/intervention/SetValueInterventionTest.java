package dev.kibitz.core.intervention;

import static dev.kibitz.core.testing.TinyModels.capture;
import static dev.kibitz.core.testing.TinyModels.grid;
import static dev.kibitz.core.testing.TinyModels.passThrough;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.kibitz.core.model.HookedModel;
import dev.kibitz.core.tensor.HostTensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SetValue on hook "h" [2, 2, 3] over the grid batch (100 b + 10 c + p + 1), with the Add broadcast rules. */
class SetValueInterventionTest {

  private static float[] setOnGrid(SetValue set) {
    try (HookedModel model = passThrough()) {
      return capture(model, "h", List.of(set), grid(2));
    }
  }

  @Test
  void scalarValueReplacesEveryElement() {
    float[] h = setOnGrid(SetValue.scalar("h", Selector.ALL, 7f));

    float[] sevens = new float[24];
    java.util.Arrays.fill(sevens, 7f);
    assertArrayEquals(sevens, h);
  }

  @Test
  void perExampleTensorReplacesEveryExample() {
    HostTensor v = HostTensor.ofFloats(new long[] {2, 2, 3}, 0, -1, -2, -3, -4, -5, 6, 7, 8, 9, 10, 11);

    float[] h = setOnGrid(new SetValue("h", Selector.ALL, v));

    assertArrayEquals(new float[] {
        0, -1, -2, -3, -4, -5, /* ch1 */ 6, 7, 8, 9, 10, 11,
        0, -1, -2, -3, -4, -5, /* ch1 */ 6, 7, 8, 9, 10, 11}, h);
  }

  @Test
  void perBatchTensorGivesEachExampleItsOwnRow() {
    HostTensor v = HostTensor.ofFloats(new long[] {2, 2, 2, 3},
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
        20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31);

    float[] h = setOnGrid(new SetValue("h", Selector.ALL, v));

    assertArrayEquals(v.toFloats(), h);
  }

  @Test
  void perChannelTensorFillsEachChannelAtEveryPosition() {
    float[] h = setOnGrid(new SetValue("h", Selector.ALL, HostTensor.ofFloats(new long[] {2}, -1, 9)));

    assertArrayEquals(new float[] {
        -1, -1, -1, -1, -1, -1, /* ch1 */ 9, 9, 9, 9, 9, 9,
        -1, -1, -1, -1, -1, -1, /* ch1 */ 9, 9, 9, 9, 9, 9}, h);
  }
}

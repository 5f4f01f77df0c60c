package dev.kibitz.core.intervention;

import static dev.kibitz.core.testing.TinyModels.capture;
import static dev.kibitz.core.testing.TinyModels.grid;
import static dev.kibitz.core.testing.TinyModels.passThrough;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.kibitz.core.model.HookedModel;
import dev.kibitz.core.tensor.HostTensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Patch on hook "h" [2, 2, 3] over the grid batch (100 b + 10 c + p + 1). */
class PatchInterventionTest {

  private static final HostTensor PER_EXAMPLE =
      HostTensor.ofFloats(new long[] {2, 2, 3}, 0, 0.5f, 1, 1.5f, 2, 2.5f, 3, 3.5f, 4, 4.5f, 5, 5.5f);
  private static final HostTensor PER_BATCH = HostTensor.ofFloats(new long[] {2, 2, 2, 3},
      0, -1, -2, -3, -4, -5, -6, -7, -8, -9, -10, -11,
      1000, 1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009, 1010, 1011);

  private static float[] patchGrid(Patch patch, Map<String, HostTensor> batchInputs) {
    try (HookedModel model = passThrough()) {
      return capture(model, "h", List.of(patch), grid(2), batchInputs);
    }
  }

  @Test
  void perExampleValuesReplaceEveryExample() {
    float[] h = patchGrid(Patch.of("h", Selector.ALL, PER_EXAMPLE), Map.of());

    assertArrayEquals(new float[] {
        0, 0.5f, 1, 1.5f, 2, 2.5f, /* ch1 */ 3, 3.5f, 4, 4.5f, 5, 5.5f,
        0, 0.5f, 1, 1.5f, 2, 2.5f, /* ch1 */ 3, 3.5f, 4, 4.5f, 5, 5.5f}, h);
  }

  @Test
  void perBatchValuesGiveEachExampleItsOwnRow() {
    float[] h = patchGrid(Patch.of("h", Selector.ALL, PER_BATCH), Map.of());

    assertArrayEquals(new float[] {
        0, -1, -2, -3, -4, -5, /* ch1 */ -6, -7, -8, -9, -10, -11,
        1000, 1001, 1002, 1003, 1004, 1005, /* ch1 */ 1006, 1007, 1008, 1009, 1010, 1011}, h);
  }

  @Test
  void batchInputPerBatchIsReadFromTheTensorsSentWithTheBatch() {
    float[] h = patchGrid(Patch.fromBatchInput("h", Selector.ALL, "clean"), Map.of("clean", PER_BATCH));

    assertArrayEquals(PER_BATCH.toFloats(), h);
  }

  @Test
  void batchInputPerExampleIsRepeatedForEveryExample() {
    float[] h = patchGrid(Patch.fromBatchInput("h", Selector.ALL, "clean"),
        Map.of("clean", PER_EXAMPLE, "unused", PER_BATCH));

    float[] expected = new float[24];
    System.arraycopy(PER_EXAMPLE.toFloats(), 0, expected, 0, 12);
    System.arraycopy(PER_EXAMPLE.toFloats(), 0, expected, 12, 12);
    assertArrayEquals(expected, h);
  }
}

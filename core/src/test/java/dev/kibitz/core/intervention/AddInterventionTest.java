package dev.kibitz.core.intervention;

import static dev.kibitz.core.testing.TinyModels.capture;
import static dev.kibitz.core.testing.TinyModels.grid;
import static dev.kibitz.core.testing.TinyModels.passThrough;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.kibitz.core.model.HookedModel;
import dev.kibitz.core.tensor.HostTensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Add on hook "h" of shape [2, 2, 3] over the grid batch (example b, channel c, position p holds
 * 100 b + 10 c + p + 1), for each broadcast rule of intervention.proto.
 */
class AddInterventionTest {

  private static float[] addToGrid(HostTensor vector, float coefficient) {
    try (HookedModel model = passThrough()) {
      return capture(model, "h", List.of(new Add("h", Selector.ALL, vector, coefficient)), grid(2));
    }
  }

  @Test
  void scalarVectorTimesCoefficientIsAddedToEveryElement() {
    float[] h = addToGrid(HostTensor.scalar(2f), 1.5f);

    assertArrayEquals(new float[] {
        4, 5, 6, 7, 8, 9, /* ch1 */ 14, 15, 16, 17, 18, 19,
        104, 105, 106, 107, 108, 109, /* ch1 */ 114, 115, 116, 117, 118, 119}, h);
  }

  @Test
  void perExampleVectorIsAddedElementwiseToEveryExample() {
    HostTensor v = HostTensor.ofFloats(new long[] {2, 2, 3}, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);

    float[] h = addToGrid(v, 0.5f);

    assertArrayEquals(new float[] {
        1, 2.5f, 4, 5.5f, 7, 8.5f, /* ch1 */ 14, 15.5f, 17, 18.5f, 20, 21.5f,
        101, 102.5f, 104, 105.5f, 107, 108.5f, /* ch1 */ 114, 115.5f, 117, 118.5f, 120, 121.5f}, h);
  }

  @Test
  void perBatchVectorAddsEachExampleItsOwnRow() {
    HostTensor v = HostTensor.ofFloats(new long[] {2, 2, 2, 3},
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
        0, -1, -2, -3, -4, -5, -6, -7, -8, -9, -10, -11);

    float[] h = addToGrid(v, 2f);

    assertArrayEquals(new float[] {
        1, 4, 7, 10, 13, 16, /* ch1 */ 23, 26, 29, 32, 35, 38,
        101, 100, 99, 98, 97, 96, /* ch1 */ 99, 98, 97, 96, 95, 94}, h);
  }

  @Test
  void perChannelVectorBroadcastsOverEveryPosition() {
    HostTensor v = HostTensor.ofFloats(new long[] {2}, -20, 2);

    float[] h = addToGrid(v, -0.5f);

    assertArrayEquals(new float[] {
        11, 12, 13, 14, 15, 16, /* ch1 */ 10, 11, 12, 13, 14, 15,
        111, 112, 113, 114, 115, 116, /* ch1 */ 110, 111, 112, 113, 114, 115}, h);
  }

  @Test
  void zeroCoefficientLeavesTheActivationUnchanged() {
    float[] h = addToGrid(HostTensor.scalar(1000f), 0f);

    assertArrayEquals(grid(2).toFloats(), h);
  }
}

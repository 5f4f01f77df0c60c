package dev.kibitz.core.intervention;

import static dev.kibitz.core.testing.TinyModels.capture;
import static dev.kibitz.core.testing.TinyModels.grid;
import static dev.kibitz.core.testing.TinyModels.passThrough;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.kibitz.core.intervention.Selector.Position;
import dev.kibitz.core.model.HookedModel;
import dev.kibitz.core.tensor.HostTensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which elements a selector lets an intervention touch: SetValue 0 through each selector on hook
 * "h" [2 channels, 2 rows, 3 cols] over the grid batch (100 b + 10 c + p + 1); zeros mark the
 * touched elements. Positions are row-major on the 2x3 grid: (r, c) is p = 3 r + c.
 */
class SelectorTest {

  private static float[] zeroOnGrid(Selector selector) {
    try (HookedModel model = passThrough()) {
      return capture(model, "h", List.of(SetValue.scalar("h", selector, 0f)), grid(2));
    }
  }

  @Test
  void emptySelectorTouchesEveryElementOfEveryExample() {
    assertArrayEquals(new float[24], zeroOnGrid(Selector.ALL));
  }

  @Test
  void channelsSelectEveryPositionOfTheListedChannels() {
    assertArrayEquals(new float[] {
        1, 2, 3, 4, 5, 6, /* ch1 */ 0, 0, 0, 0, 0, 0,
        101, 102, 103, 104, 105, 106, /* ch1 */ 0, 0, 0, 0, 0, 0}, zeroOnGrid(Selector.channels(1)));
  }

  @Test
  void positionsSelectThatSquareInEveryChannel() {
    float[] h = zeroOnGrid(Selector.positions(new Position(0, 1), new Position(1, 2)));

    assertArrayEquals(new float[] {
        1, 0, 3, 4, 5, 0, /* ch1 */ 11, 0, 13, 14, 15, 0,
        101, 0, 103, 104, 105, 0, /* ch1 */ 111, 0, 113, 114, 115, 0}, h);
  }

  @Test
  void positionRowAndColumnAreNotInterchangeable() {
    float[] h = zeroOnGrid(Selector.positions(new Position(1, 0)));

    assertArrayEquals(new float[] {
        1, 2, 3, 0, 5, 6, /* ch1 */ 11, 12, 13, 0, 15, 16,
        101, 102, 103, 0, 105, 106, /* ch1 */ 111, 112, 113, 0, 115, 116}, h);
  }

  @Test
  void flatIndicesSelectElementsOfTheCOrderFlatteningOfEachExample() {
    float[] h = zeroOnGrid(Selector.flatIndices(0, 7, 11));

    assertArrayEquals(new float[] {
        0, 2, 3, 4, 5, 6, /* ch1 */ 11, 0, 13, 14, 15, 0,
        0, 102, 103, 104, 105, 106, /* ch1 */ 111, 0, 113, 114, 115, 0}, h);
  }

  @Test
  void maskSelectsWhereItIsTrue() {
    HostTensor mask = HostTensor.ofBools(new long[] {2, 2, 3},
        false, false, true, false, false, false, false, false, false, true, false, false);

    float[] h = zeroOnGrid(Selector.mask(mask));

    assertArrayEquals(new float[] {
        1, 2, 0, 4, 5, 6, /* ch1 */ 11, 12, 13, 0, 15, 16,
        101, 102, 0, 104, 105, 106, /* ch1 */ 111, 112, 113, 0, 115, 116}, h);
  }

  @Test
  void examplesLeaveOtherBatchRowsUntouched() {
    assertArrayEquals(new float[] {
        1, 2, 3, 4, 5, 6, /* ch1 */ 11, 12, 13, 14, 15, 16,
        0, 0, 0, 0, 0, 0, /* ch1 */ 0, 0, 0, 0, 0, 0}, zeroOnGrid(Selector.ALL.withExamples(1)));
  }

  @Test
  void channelAndPositionTogetherTouchExactlyOneElementPerExample() {
    float[] h = zeroOnGrid(Selector.channels(1).withPositions(new Position(0, 1)));

    assertArrayEquals(new float[] {
        1, 2, 3, 4, 5, 6, /* ch1 */ 11, 0, 13, 14, 15, 16,
        101, 102, 103, 104, 105, 106, /* ch1 */ 111, 0, 113, 114, 115, 116}, h);
  }

  @Test
  void channelsExamplesAndFlatIndicesIntersect() {
    // Channel 0 is flat 0..5, so of {0, 1, 7} only 0 and 1 remain, and only in example 1.
    Selector s = new Selector(new int[] {0}, List.of(), new long[] {0, 1, 7}, null, new int[] {1});

    assertArrayEquals(new float[] {
        1, 2, 3, 4, 5, 6, /* ch1 */ 11, 12, 13, 14, 15, 16,
        0, 0, 103, 104, 105, 106, /* ch1 */ 111, 112, 113, 114, 115, 116}, zeroOnGrid(s));
  }

  @Test
  void maskAndChannelIntersect() {
    HostTensor mask = HostTensor.ofBools(new long[] {2, 2, 3},
        false, false, true, false, false, false, false, false, false, true, false, false);
    Selector s = Selector.mask(mask).withChannels(1);

    assertArrayEquals(new float[] {
        1, 2, 3, 4, 5, 6, /* ch1 */ 11, 12, 13, 0, 15, 16,
        101, 102, 103, 104, 105, 106, /* ch1 */ 111, 112, 113, 0, 115, 116}, zeroOnGrid(s));
  }

  @Test
  void disjointPartsSelectNothing() {
    // Channel 0 is flat 0..5; flat 7 is in channel 1.
    Selector s = new Selector(new int[] {0}, List.of(), new long[] {7}, null, new int[0]);

    assertArrayEquals(grid(2).toFloats(), zeroOnGrid(s));
  }

  @Test
  void selectorAppliesToAnEditThatReadsTheActivation() {
    try (HookedModel model = passThrough()) {
      float[] h = capture(model, "h",
          List.of(new Scale("h", Selector.channels(0).withExamples(0), 10f)), grid(2));

      assertArrayEquals(new float[] {
          10, 20, 30, 40, 50, 60, /* ch1 */ 11, 12, 13, 14, 15, 16,
          101, 102, 103, 104, 105, 106, /* ch1 */ 111, 112, 113, 114, 115, 116}, h);
    }
  }

  @Test
  void selectorLimitsAPerBatchPatchToTheSelectedElements() {
    HostTensor values = HostTensor.ofFloats(new long[] {2, 2, 2, 3},
        -1, -2, -3, -4, -5, -6, -7, -8, -9, -10, -11, -12,
        -101, -102, -103, -104, -105, -106, -107, -108, -109, -110, -111, -112);
    try (HookedModel model = passThrough()) {
      float[] h = capture(model, "h", List.of(Patch.of("h", Selector.positions(new Position(1, 1)), values)),
          grid(2));

      assertArrayEquals(new float[] {
          1, 2, 3, 4, -5, 6, /* ch1 */ 11, 12, 13, 14, -11, 16,
          101, 102, 103, 104, -105, 106, /* ch1 */ 111, 112, 113, 114, -111, 116}, h);
    }
  }

  @Test
  void examplesLimitAResampleToTheSelectedRows() {
    try (HookedModel model = passThrough()) {
      float[] h = capture(model, "h", List.of(Resample.indices("h", Selector.ALL.withExamples(0), 1, 0)), grid(2));

      assertArrayEquals(new float[] {
          101, 102, 103, 104, 105, 106, /* ch1 */ 111, 112, 113, 114, 115, 116,
          101, 102, 103, 104, 105, 106, /* ch1 */ 111, 112, 113, 114, 115, 116}, h);
    }
  }
}

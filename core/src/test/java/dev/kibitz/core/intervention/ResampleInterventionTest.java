package dev.kibitz.core.intervention;

import static dev.kibitz.core.testing.TinyModels.capture;
import static dev.kibitz.core.testing.TinyModels.grid;
import static dev.kibitz.core.testing.TinyModels.passThrough;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.kibitz.core.model.HookedModel;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Resample on hook "h" [2, 2, 3] over the grid batch, where example b holds 100 b + (its example-0
 * value): the first element of each example says which example's values it holds.
 */
class ResampleInterventionTest {
  private static final int PER_EXAMPLE = 12;

  private static float[] resampleGrid(Resample resample, int batch) {
    try (HookedModel model = passThrough()) {
      return capture(model, "h", List.of(resample), grid(batch));
    }
  }

  /** The example of the grid batch whose values example i now holds, for every i. */
  private static long[] sourcesSeen(float[] h, int batch) {
    float[] original = grid(batch).toFloats();
    long[] sources = new long[batch];
    for (int i = 0; i < batch; i++) {
      int source = (int) ((h[i * PER_EXAMPLE] - 1) / 100);
      sources[i] = source;
      assertArrayEquals(Arrays.copyOfRange(original, source * PER_EXAMPLE, (source + 1) * PER_EXAMPLE),
          Arrays.copyOfRange(h, i * PER_EXAMPLE, (i + 1) * PER_EXAMPLE), "example " + i + " holds a whole example");
    }
    return sources;
  }

  @Test
  void explicitIndicesSwapTwoExamples() {
    float[] h = resampleGrid(Resample.indices("h", Selector.ALL, 1, 0), 2);

    assertArrayEquals(new float[] {
        101, 102, 103, 104, 105, 106, /* ch1 */ 111, 112, 113, 114, 115, 116,
        1, 2, 3, 4, 5, 6, /* ch1 */ 11, 12, 13, 14, 15, 16}, h);
  }

  @Test
  void explicitIndicesMayRepeatASource() {
    float[] h = resampleGrid(Resample.indices("h", Selector.ALL, 2, 2, 0), 3);

    assertArrayEquals(new long[] {2, 2, 0}, sourcesSeen(h, 3));
  }

  @Test
  void seededResampleGivesNoExampleItsOwnValuesAndUsesEachSourceOnce() {
    for (int batch = 2; batch <= 6; batch++) {
      for (long seed = 0; seed < 8; seed++) {
        Resample resample = Resample.seeded("h", Selector.ALL, seed);
        long[] sources = sourcesSeen(resampleGrid(resample, batch), batch);

        Set<Long> distinct = new HashSet<>();
        for (int i = 0; i < batch; i++) {
          assertNotEquals(i, sources[i], "batch " + batch + " seed " + seed + ": example " + i + " kept its values");
          distinct.add(sources[i]);
        }
        assertEquals(batch, distinct.size(), "batch " + batch + " seed " + seed + ": " + Arrays.toString(sources));
        assertArrayEquals(resample.sources(batch), sources);
      }
    }
  }

  @Test
  void seededResampleOfTwoExamplesSwapsThem() {
    float[] h = resampleGrid(Resample.seeded("h", Selector.ALL, 12345L), 2);

    assertArrayEquals(new long[] {1, 0}, sourcesSeen(h, 2));
  }

  @Test
  void sameSeedGivesTheSameResampling() {
    float[] first = resampleGrid(Resample.seeded("h", Selector.ALL, 42L), 5);
    float[] second = resampleGrid(Resample.seeded("h", Selector.ALL, 42L), 5);

    assertArrayEquals(first, second);
  }

  @Test
  void differentSeedsDrawDifferentDerangements() {
    Set<String> drawn = new HashSet<>();
    for (long seed = 0; seed < 10; seed++) {
      drawn.add(Arrays.toString(sourcesSeen(resampleGrid(Resample.seeded("h", Selector.ALL, seed), 5), 5)));
    }
    assertNotEquals(1, drawn.size(), "ten seeds all drew " + drawn);
  }

  @Test
  void seededResampleLeavesABatchOfOneUnchanged() {
    float[] h = resampleGrid(Resample.seeded("h", Selector.ALL, 7L), 1);

    assertArrayEquals(grid(1).toFloats(), h);
  }
}

package dev.kibitz.probe.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BalancedSamplingTest {

  /** Rows 0..999, every tenth positive; training rows are the even ones (100 positives, 400 negatives). */
  private static final boolean[] LABELS = new boolean[1000];
  private static final int[] ROWS = IntStream.range(0, 500).map(i -> 2 * i).toArray();

  static {
    for (int i = 0; i < LABELS.length; i += 10) {
      LABELS[i] = true;
    }
  }

  @Test
  void keepsEveryMinorityRowAndAsManyMajorityRows() {
    int[] kept = BalancedSampling.downsample(ROWS, LABELS, 3);
    assertEquals(200, kept.length);
    assertEquals(100, Arrays.stream(kept).filter(r -> LABELS[r]).count());
    assertTrue(Arrays.stream(kept).allMatch(r -> r % 2 == 0), "only rows that were offered");
    assertEquals(200, Arrays.stream(kept).distinct().count());
  }

  @Test
  void theSeedDecidesWhichMajorityRowsStay() {
    assertArrayEquals(BalancedSampling.downsample(ROWS, LABELS, 3), BalancedSampling.downsample(ROWS, LABELS, 3));
    assertTrue(!Arrays.equals(BalancedSampling.downsample(ROWS, LABELS, 3), BalancedSampling.downsample(ROWS, LABELS,
        4)));
  }

  @Test
  void shuffledLabelsKeepTheirCounts() {
    ConceptLabels.Binary b = new ConceptLabels.Binary(LABELS);
    boolean[] s = b.shuffled(5).values();
    assertEquals(100, IntStream.range(0, s.length).filter(i -> s[i]).count());
    assertTrue(!Arrays.equals(LABELS, s));
  }
}

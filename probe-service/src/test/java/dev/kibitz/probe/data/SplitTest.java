package dev.kibitz.probe.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SplitTest {

  @Test
  void sixtyTwentyTwentySplitCoversEveryRowOnce() {
    Split s = Split.seeded(1000, 0.6, 0.2, 9);
    assertEquals(600, s.train().length);
    assertEquals(200, s.validation().length);
    assertEquals(200, s.test().length);
    int[] all = IntStream.concat(IntStream.concat(Arrays.stream(s.train()), Arrays.stream(s.validation())),
        Arrays.stream(s.test())).sorted().toArray();
    assertArrayEquals(IntStream.range(0, 1000).toArray(), all);
  }

  @Test
  void theSeedDecidesTheSplit() {
    assertArrayEquals(Split.seeded(500, 0.6, 0.2, 1).test(), Split.seeded(500, 0.6, 0.2, 1).test());
    assertFalse(Arrays.equals(Split.seeded(500, 0.6, 0.2, 1).test(), Split.seeded(500, 0.6, 0.2, 2).test()));
  }

  @Test
  void refusesFractionsThatLeaveNoTestRows() {
    assertThrows(IllegalArgumentException.class, () -> Split.seeded(100, 0.8, 0.2, 1));
    assertThrows(IllegalArgumentException.class, () -> Split.seeded(3, 0.6, 0.2, 1));
  }
}

package dev.kibitz.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SignedRankTestTest {
  /**
   * Differences 1..10 with signs -,+,+,-,+,+,+,+,+,+: W+ = 2+3+5+6+7+8+9+10 = 50, n = 10, mean 27.5,
   * variance 10*11*21/24 = 96.25, z = (50 - 27.5 - 0.5) / sqrt(96.25) = 2.24245, two-sided p = 0.02493
   * (R: wilcox.test(..., exact = FALSE, correct = TRUE) gives V = 50, p-value = 0.02493).
   */
  @Test
  void matchesTheNormalApproximationByHand() {
    double[] before = new double[10];
    double[] after = {-1, 2, 3, -4, 5, 6, 7, 8, 9, 10};
    SignedRankTest t = SignedRankTest.of(before, after);
    assertEquals(10, t.pairs());
    assertEquals(50, t.wPlus(), 0);
    assertEquals(8, t.positive());
    assertEquals(2, t.negative());
    assertEquals(2.24245, t.z(), 1e-5);
    assertEquals(0.02493, t.p(), 1e-5);
    assertEquals(5.5, t.medianDifference(), 0);
  }

  /** Zeros are dropped, ties share their mean rank and shrink the variance. */
  @Test
  void dropsZerosAndCorrectsForTies() {
    double[] before = {0, 0, 0, 0, 0};
    double[] after = {0, 1, 1, -1, 2};
    SignedRankTest t = SignedRankTest.of(before, after);
    // |d| = 1,1,1,2 -> ranks 2,2,2,4; W+ = 2+2+4 = 8; n = 4; var = 4*5*9/24 - (27-3)/48 = 7.5 - 0.5 = 7
    assertEquals(4, t.pairs());
    assertEquals(8, t.wPlus(), 0);
    assertEquals((8 - 5 - 0.5) / Math.sqrt(7), t.z(), 1e-12);
    assertEquals(1, t.medianDifference(), 0);
  }

  @Test
  void noDifferenceGivesPOne() {
    SignedRankTest t = SignedRankTest.of(new double[] {1, 2}, new double[] {1, 2});
    assertEquals(0, t.pairs());
    assertEquals(1, t.p(), 0);
  }

  @Test
  void unequalLengthsAreRefused() {
    assertEquals("paired samples differ in length: 2 vs 1", assertThrows(IllegalArgumentException.class,
        () -> SignedRankTest.of(new double[2], new double[1])).getMessage());
  }
}

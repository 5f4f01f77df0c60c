package dev.kibitz.probe.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ScoringTest {

  @Test
  void rocAucCountsPairsOrderedRightAndTiesAsHalf() {
    assertEquals(0.75, Scoring.rocAuc(new double[] {0.1, 0.4, 0.35, 0.8}, new boolean[] {false, false, true, true}));
    // The negative ties one positive (half a pair) and is beaten by the other: 1.5 of 2 pairs.
    assertEquals(0.75, Scoring.rocAuc(new double[] {1, 1, 2}, new boolean[] {false, true, true}));
    assertEquals(0.5, Scoring.rocAuc(new double[] {3, 4}, new boolean[] {true, true}));
  }

  @Test
  void accuracyThresholdsLogitsAtZero() {
    double[] s = {-1, 0, 0.5, 2, -3};
    boolean[] y = {false, true, true, true, true};
    assertEquals(0.6, Scoring.accuracy(s, y));
    // Score 0 is a "no": 2 of 4 positives right, the one negative right.
    assertEquals(0.75, Scoring.balancedAccuracy(s, y));
  }

  @Test
  void balancedAccuracyOfAConstantAnswerIsOneHalf() {
    boolean[] y = {true, false, false, false};
    assertEquals(0.5, Scoring.balancedAccuracy(new double[] {-1, -1, -1, -1}, y));
    assertEquals(0.5, Scoring.balancedAccuracy(new double[] {1, 1, 1, 1}, y));
  }

  @Test
  void r2IsOneForExactZeroForTheMeanAndNegativeForWorse() {
    double[] y = {1, 2, 3, 4};
    assertEquals(1, Scoring.r2(y, y));
    assertEquals(0, Scoring.r2(new double[] {2.5, 2.5, 2.5, 2.5}, y));
    assertEquals(1 - 20.0 / 5, Scoring.r2(new double[] {4, 3, 2, 1}, y));
  }
}

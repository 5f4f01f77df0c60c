package dev.kibitz.probe.data;

import java.util.Arrays;

/**
 * Disjoint train, validation and test rows drawn by a seeded shuffle. The same seed gives the same
 * split for every hook of a model, so probes at different layers are scored on the same positions.
 */
public record Split(int[] train, int[] validation, int[] test) {

  /**
   * @param trainFraction share of rows for fitting, e.g. 0.6
   * @param validationFraction share for choosing the penalty, e.g. 0.2; the rest is test
   */
  public static Split seeded(int rows, double trainFraction, double validationFraction, long seed) {
    if (trainFraction <= 0 || validationFraction <= 0 || trainFraction + validationFraction >= 1) {
      throw new IllegalArgumentException("split fractions must be positive and leave a test share, got train "
          + trainFraction + " and validation " + validationFraction);
    }
    int nTrain = (int) Math.round(rows * trainFraction);
    int nVal = (int) Math.round(rows * validationFraction);
    if (nTrain < 2 || nVal < 1 || rows - nTrain - nVal < 1) {
      throw new IllegalArgumentException(rows + " rows are too few for a " + trainFraction + "/"
          + validationFraction + " split");
    }
    int[] order = ConceptLabels.permutation(rows, seed);
    // Sorted row indices keep memory access sequential when the design matrix is gathered.
    int[] train = sorted(Arrays.copyOfRange(order, 0, nTrain));
    int[] val = sorted(Arrays.copyOfRange(order, nTrain, nTrain + nVal));
    int[] test = sorted(Arrays.copyOfRange(order, nTrain + nVal, rows));
    return new Split(train, val, test);
  }

  private static int[] sorted(int[] a) {
    Arrays.sort(a);
    return a;
  }
}

package dev.kibitz.probe.data;

import java.util.Arrays;

/**
 * Downsamples the majority class of a binary concept to the size of the minority class. Without it
 * a probe of a rare concept (a 90/10 split) can score 90% by always answering "no" and its
 * direction says little about the concept.
 */
public final class BalancedSampling {
  private BalancedSampling() {}

  /** The minority rows and an equal-sized seeded sample of the majority rows, sorted. */
  public static int[] downsample(int[] rows, boolean[] labels, long seed) {
    int positives = 0;
    for (int r : rows) {
      positives += labels[r] ? 1 : 0;
    }
    boolean minority = positives * 2 < rows.length;
    int keep = Math.min(positives, rows.length - positives);
    int[] major = new int[rows.length - keep];
    int[] out = new int[2 * keep];
    int m = 0;
    int o = 0;
    for (int r : rows) {
      if (labels[r] == minority && o < keep) {
        out[o++] = r;
      } else {
        major[m++] = r;
      }
    }
    int[] order = ConceptLabels.permutation(m, seed);
    for (int i = 0; i < keep; i++) {
      out[o++] = major[order[i]];
    }
    Arrays.sort(out);
    return out;
  }
}

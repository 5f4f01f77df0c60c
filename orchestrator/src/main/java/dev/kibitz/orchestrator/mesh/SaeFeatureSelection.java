package dev.kibitz.orchestrator.mesh;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.core.tensor.TensorCodec;
import dev.kibitz.probe.metrics.Scoring;
import dev.kibitz.sae.Sae;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Which SAE features predict a yes/no concept: each feature's activation scored as a classifier of the
 * concept by ROC AUC over a set of inputs; the {@code count} best (AUC above 0.5: firing more where the
 * concept holds) are the concept's features, and a control is as many features drawn at random from the
 * rest that fire at all.
 */
final class SaeFeatureSelection {
  /** A feature and how well it predicts the concept. */
  record Scored(int feature, double auc) {}

  private SaeFeatureSelection() {}

  /** Feature activations [rows][width] of raw hook activations, one flat row each. */
  static float[][] activations(Sae sae, List<float[]> rows) {
    int n = rows.size();
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = TensorCodec.toNDArray(m, HostTensor.ofRows(rows));
      float[] f = sae.encode(sae.parameters(m), x).toFloatArray();
      float[][] out = new float[n][sae.width()];
      for (int i = 0; i < n; i++) {
        System.arraycopy(f, i * sae.width(), out[i], 0, sae.width());
      }
      return out;
    }
  }

  /** The {@code count} features with the highest AUC above 0.5 for {@code labels}, best first. */
  static List<Scored> best(float[][] features, boolean[] labels, int count) {
    int width = features[0].length;
    List<Scored> scored = new ArrayList<>();
    double[] column = new double[features.length];
    for (int j = 0; j < width; j++) {
      for (int i = 0; i < features.length; i++) {
        column[i] = features[i][j];
      }
      double auc = Scoring.rocAuc(column, labels);
      if (auc > 0.5) {
        scored.add(new Scored(j, auc));
      }
    }
    scored.sort(Comparator.comparingDouble(Scored::auc).reversed().thenComparingInt(Scored::feature));
    return List.copyOf(scored.subList(0, Math.min(count, scored.size())));
  }

  /**
   * {@code count} features drawn without replacement (seeded) from the live ones not in {@code chosen}:
   * those that fire somewhere in {@code features}. A dead feature is zero everywhere, so scaling it would
   * change nothing and make the control look harmless; only if too few are live do dead ones fill up.
   */
  static List<Integer> control(float[][] features, List<Scored> chosen, int count, long seed) {
    int width = features[0].length;
    List<Integer> taken = chosen.stream().map(Scored::feature).toList();
    List<Integer> live = new ArrayList<>();
    List<Integer> dead = new ArrayList<>();
    for (int j = 0; j < width; j++) {
      if (!taken.contains(j)) {
        (fires(features, j) ? live : dead).add(j);
      }
    }
    Random random = new Random(seed);
    java.util.Collections.shuffle(live, random);
    java.util.Collections.shuffle(dead, random);
    live.addAll(dead);
    return List.copyOf(live.subList(0, Math.min(count, live.size())));
  }

  /** Features that fire on at least one row. */
  static int live(float[][] features) {
    int n = 0;
    for (int j = 0; j < features[0].length; j++) {
      n += fires(features, j) ? 1 : 0;
    }
    return n;
  }

  private static boolean fires(float[][] features, int j) {
    for (float[] row : features) {
      if (row[j] != 0) {
        return true;
      }
    }
    return false;
  }
}

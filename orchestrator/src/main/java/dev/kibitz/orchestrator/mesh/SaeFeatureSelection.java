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
import java.util.stream.IntStream;

/**
 * Which SAE features predict a yes/no concept: each feature's activation scored as a classifier of the
 * concept by ROC AUC over a set of inputs; the {@code count} best (AUC above 0.5: firing more where the
 * concept holds) are the concept's features, and a control is as many features drawn at random from the
 * rest.
 */
final class SaeFeatureSelection {
  /** A feature and how well it predicts the concept. */
  record Scored(int feature, double auc) {}

  private SaeFeatureSelection() {}

  /** Feature activations [rows][width] of raw hook activations [rows, ...] (flattened per row). */
  static float[][] activations(Sae sae, HostTensor rows) {
    int n = (int) rows.shape()[0];
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = TensorCodec.toNDArray(m, rows).reshape(n, sae.dIn());
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

  /** {@code count} features drawn without replacement from those not in {@code chosen}, seeded. */
  static List<Integer> control(int width, List<Scored> chosen, int count, long seed) {
    List<Integer> rest = new ArrayList<>(IntStream.range(0, width).boxed().toList());
    rest.removeAll(chosen.stream().map(Scored::feature).toList());
    java.util.Collections.shuffle(rest, new Random(seed));
    return List.copyOf(rest.subList(0, Math.min(count, rest.size())));
  }
}

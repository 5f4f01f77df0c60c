package dev.kibitz.probe.service;

import dev.kibitz.core.tensor.DType;
import dev.kibitz.probe.ProbeConfig;
import dev.kibitz.probe.ProbeTask;
import dev.kibitz.probe.ProbeTrainer;
import dev.kibitz.probe.TrainedProbe;
import dev.kibitz.probe.data.Activations;
import dev.kibitz.probe.data.ConceptLabels;
import dev.kibitz.probe.fit.Penalty;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Trains a plan's probes on one dataset's rows: per concept (in the plan's order), one probe per
 * conditioning value (ascending) and one on all rows. A probe whose data cannot be fitted (one class
 * only at some skill level, say) is recorded as skipped with the reason; the others are still trained.
 * A real concept without a value at some rows (NaN: a chess concept undefined in check) is probed on
 * the rows where it has one.
 */
final class DatasetProbing {
  private DatasetProbing() {}

  /** A probe that was not trained, and why. */
  record Skipped(String concept, String conditioning, String reason) {}

  /** The trained probes in training order, the conditioning values that split the rows, and the skipped ones. */
  record Outcome(List<TrainedProbe> probes, List<String> conditioningValues, List<Skipped> skipped) {}

  static Outcome run(ProbePlan plan, String hook, DatasetRows rows, ProbeConfig config) {
    Map<String, int[]> groups = groups(plan, rows);
    Map<String, Activations> inputs = new LinkedHashMap<>();
    groups.forEach((value, idx) -> inputs.put(value, idx == null ? rows.activations()
        : rows.activations().select(idx)));
    // Real concepts defined on every row of a group share one ridge path (ProbeTrainer.trainTogether):
    // trained first, group by group, then every probe is listed in the plan's order as before.
    ProbeTrainer ridgeTrainer = new ProbeTrainer(config.penalty() == Penalty.L2 ? config
        : config.withPenalty(Penalty.L2, config.lambdas()));
    Map<String, TrainedProbe> together = new java.util.HashMap<>();
    for (Map.Entry<String, int[]> g : groups.entrySet()) {
      List<ProbeTask> tasks = new ArrayList<>();
      for (ProbePlan.Concept c : plan.concepts()) {
        double[] values = rows.labels().get(c.label().name());
        if (!c.binary() && definedRows(values, g.getValue()) == null) {
          tasks.add(new ProbeTask(c.label().name(), hook, g.getKey(), inputs.get(g.getKey()),
              labels(false, values, g.getValue())));
        }
      }
      try {
        ridgeTrainer.trainTogether(tasks).forEach(p -> together.put(key(p.result().concept(), g.getKey()), p));
      } catch (IllegalArgumentException e) {
        // trained one by one below, so the problem is reported against its concept
      }
    }
    List<TrainedProbe> probes = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    for (ProbePlan.Concept c : plan.concepts()) {
      // Ridge is the only fit for real concepts; an L1 service config applies to binary ones.
      ProbeTrainer trainer = c.binary() ? new ProbeTrainer(config) : ridgeTrainer;
      double[] values = rows.labels().get(c.label().name());
      for (Map.Entry<String, int[]> g : groups.entrySet()) {
        TrainedProbe done = together.get(key(c.label().name(), g.getKey()));
        if (done != null) {
          probes.add(done);
          continue;
        }
        int[] rowsOf = g.getValue();
        Activations input = inputs.get(g.getKey());
        int[] defined = c.binary() ? null : definedRows(values, rowsOf);
        if (defined != null) {
          rowsOf = defined;
          input = rows.activations().select(defined);
        }
        try {
          ConceptLabels labels = labels(c.binary(), values, rowsOf);
          probes.add(trainer.train(new ProbeTask(c.label().name(), hook, g.getKey(), input, labels)));
        } catch (IllegalArgumentException e) {
          skipped.add(new Skipped(c.label().name(), g.getKey(), e.getMessage()));
        }
      }
    }
    List<String> values = new ArrayList<>(groups.keySet());
    values.remove(ProbePlan.ALL);
    return new Outcome(probes, values, skipped);
  }

  private static String key(String concept, String conditioning) {
    return concept + "\u0000" + conditioning;
  }

  /** Conditioning value (ascending) to its rows, then, if pooled, "all" to null (every row, no copy). */
  static Map<String, int[]> groups(ProbePlan plan, DatasetRows rows) {
    Map<String, int[]> out = new LinkedHashMap<>();
    if (plan.conditioning() != null) {
      double[] cond = rows.labels().get(plan.conditioning().name());
      TreeMap<Double, List<Integer>> byValue = new TreeMap<>();
      for (int i = 0; i < cond.length; i++) {
        byValue.computeIfAbsent(cond[i], v -> new ArrayList<>()).add(i);
        if (byValue.size() > ProbePlan.MAX_CONDITIONING_VALUES) {
          throw new IllegalArgumentException("conditioning label '" + plan.conditioning().name() + "' has more than "
              + ProbePlan.MAX_CONDITIONING_VALUES + " distinct values; it must name a few levels (skill, checkpoint)");
        }
      }
      byValue.forEach((v, idx) -> out.put(name(plan.conditioning().dtype(), v),
          idx.stream().mapToInt(Integer::intValue).toArray()));
    }
    if (plan.pooled()) {
      out.put(ProbePlan.ALL, null);
    }
    return out;
  }

  /** How a conditioning value is named in results and heatmap columns: 1500, true, 0.25. */
  static String name(DType dtype, double v) {
    return switch (dtype) {
      case BOOL -> v != 0 ? "true" : "false";
      case FLOAT32 -> Float.toString((float) v);
      default -> Long.toString((long) v);
    };
  }

  /** The rows (of {@code rows}, or of all when null) where {@code values} is a number; null if that is all of them. */
  private static int[] definedRows(double[] values, int[] rows) {
    int n = rows == null ? values.length : rows.length;
    int[] out = new int[n];
    int kept = 0;
    for (int i = 0; i < n; i++) {
      int r = rows == null ? i : rows[i];
      if (!Double.isNaN(values[r])) {
        out[kept++] = r;
      }
    }
    return kept == n ? null : java.util.Arrays.copyOf(out, kept);
  }

  private static ConceptLabels labels(boolean binary, double[] values, int[] rows) {
    int n = rows == null ? values.length : rows.length;
    if (binary) {
      boolean[] y = new boolean[n];
      for (int i = 0; i < n; i++) {
        y[i] = values[rows == null ? i : rows[i]] != 0;
      }
      return new ConceptLabels.Binary(y);
    }
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = values[rows == null ? i : rows[i]];
    }
    return new ConceptLabels.Real(y);
  }
}

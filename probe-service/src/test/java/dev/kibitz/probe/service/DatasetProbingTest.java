package dev.kibitz.probe.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kibitz.core.tensor.DType;
import dev.kibitz.probe.ProbeConfig;
import dev.kibitz.probe.ProbeResult;
import dev.kibitz.probe.ProbeTask;
import dev.kibitz.probe.ProbeTrainer;
import dev.kibitz.probe.TrainedProbe;
import dev.kibitz.probe.data.ConceptLabels;
import dev.kibitz.probe.data.Activations;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DatasetProbingTest {
  /**
   * y = 2 x0 - x1 over 600 rows, undefined (NaN) at every third row: the probe uses exactly the 400 rows
   * with a value and recovers the concept; nothing is skipped.
   */
  @Test
  void aRealConceptUndefinedAtSomeRowsIsProbedOnTheRowsWithAValue() {
    int n = 600;
    int d = 4;
    Random random = new Random(5);
    float[] x = new float[n * d];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        x[i * d + j] = (float) random.nextGaussian();
      }
      y[i] = i % 3 == 0 ? Double.NaN : 2 * x[i * d] - x[i * d + 1];
    }
    ProbePlan plan = new ProbePlan(List.of(new ProbePlan.Concept(new ProbePlan.Label("y", DType.FLOAT32), false)),
        null, true);
    DatasetProbing.Outcome out = DatasetProbing.run(plan, "h", new DatasetRows(new Activations(x, n, d),
        Map.of("y", y)), ProbeConfig.defaults());
    assertEquals(List.of(), out.skipped());
    assertEquals(1, out.probes().size());
    ProbeResult r = out.probes().stream().map(TrainedProbe::result).findFirst().orElseThrow();
    assertEquals(400, r.trainRows() + r.validationRows() + r.testRows());
    assertTrue(r.score() > 0.99, "R2 " + r.score());
  }

  /**
   * Real concepts defined everywhere are trained together, per conditioning group; the outcome lists
   * every probe in the plan's order (concept, then group) with the results each gets trained alone.
   * Concepts: a real one, a binary one, a real one undefined at some rows (trained alone), a real one.
   */
  @Test
  void sharedRidgePathsKeepThePlansOrderAndEachProbesResult() {
    int n = 900;
    int d = 6;
    Random random = new Random(7);
    float[] x = new float[n * d];
    double[] a = new double[n];
    double[] b = new double[n];
    double[] gaps = new double[n];
    double[] c = new double[n];
    double[] level = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        x[i * d + j] = (float) random.nextGaussian();
      }
      a[i] = x[i * d] + 0.3 * random.nextGaussian();
      b[i] = x[i * d + 1] > 0 ? 1 : 0;
      gaps[i] = i % 4 == 0 ? Double.NaN : x[i * d + 2] - x[i * d + 3];
      c[i] = 2 * x[i * d + 4] + random.nextGaussian();
      level[i] = 1000 + 500 * (i % 2);
    }
    ProbePlan plan = new ProbePlan(List.of(
        new ProbePlan.Concept(new ProbePlan.Label("a", DType.FLOAT32), false),
        new ProbePlan.Concept(new ProbePlan.Label("b", DType.BOOL), true),
        new ProbePlan.Concept(new ProbePlan.Label("gaps", DType.FLOAT32), false),
        new ProbePlan.Concept(new ProbePlan.Label("c", DType.FLOAT32), false)),
        new ProbePlan.Label("level", DType.INT32), true);
    Activations activations = new Activations(x, n, d);
    Map<String, double[]> labels = Map.of("a", a, "b", b, "gaps", gaps, "c", c, "level", level);
    DatasetProbing.Outcome out = DatasetProbing.run(plan, "h", new DatasetRows(activations, labels),
        ProbeConfig.defaults());
    assertEquals(List.of(), out.skipped());
    List<String> order = out.probes().stream().map(p -> p.result().concept() + "/" + p.result().conditioning())
        .toList();
    assertEquals(List.of("a/1000", "a/1500", "a/all", "b/1000", "b/1500", "b/all", "gaps/1000", "gaps/1500",
        "gaps/all", "c/1000", "c/1500", "c/all"), order);
    ProbeTrainer alone = new ProbeTrainer(ProbeConfig.defaults());
    for (TrainedProbe p : out.probes()) {
      String concept = p.result().concept();
      if (concept.equals("b") || concept.equals("gaps")) {
        continue; // trained alone by both paths
      }
      String group = p.result().conditioning();
      int[] rows = java.util.stream.IntStream.range(0, n)
          .filter(i -> group.equals("all") || level[i] == Double.parseDouble(group)).toArray();
      double[] values = concept.equals("a") ? a : c;
      TrainedProbe expected = alone.train(new ProbeTask(concept, "h", group, group.equals("all") ? activations
          : activations.select(rows), new ConceptLabels.Real(java.util.Arrays.stream(rows)
          .mapToDouble(i -> values[i]).toArray())));
      assertEquals(expected.result(), p.result(), concept + "/" + group);
      assertEquals(expected.probe(), p.probe(), concept + "/" + group);
    }
  }
}

package dev.kibitz.probe.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kibitz.core.tensor.DType;
import dev.kibitz.probe.ProbeConfig;
import dev.kibitz.probe.ProbeResult;
import dev.kibitz.probe.TrainedProbe;
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
}

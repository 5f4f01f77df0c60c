package dev.kibitz.sae.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.sae.Sae;
import dev.kibitz.sae.arch.ReluL1Sae;
import dev.kibitz.sae.buffer.RowBatch;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SaeEvaluatorTest {
  /**
   * A hand-built ReLU SAE on R^2 with four features: 0 and 2 reconstruct +-x exactly, 1 reads y at
   * half strength (so (0, 2) comes back as (0, 1)), 3 never fires. Rows: (1,0) (0,2) (-1,0) (0,0).
   * SSE = 1, SST = 5 around the mean (0, 0.5), so FVU = 0.2 and MSE = 1 / 8.
   */
  @Test
  void metricsMatchAHandComputedSae() {
    Map<String, HostTensor> w = Map.of(
        "W_enc", HostTensor.ofFloats(new long[] {2, 4}, 1, 0, -1, 0, 0, 0.5f, 0, 0),
        "b_enc", HostTensor.ofFloats(new long[] {4}, 0, 0, 0, 0),
        "W_dec", HostTensor.ofFloats(new long[] {4, 2}, 1, 0, 0, 1, -1, 0, 0.6f, 0.8f),
        "b_dec", HostTensor.ofFloats(new long[] {2}, 0, 0));
    Sae sae = new Sae(new ReluL1Sae(1), 2, 4, 1.0, 0, w, new JsonObject());
    RowBatch rows = RowBatch.of(2, new float[] {1, 0, 0, 2, -1, 0, 0, 0}, new long[] {10, 11, 12, 13});

    SaeMetrics m = SaeEvaluator.evaluate(sae, rows, 2);

    assertEquals(4, m.rows());
    assertEquals(0.125, m.mse(), 1e-7);
    assertEquals(0.2, m.fvu(), 1e-7);
    assertEquals(0.75, m.meanL0(), 1e-7);
    assertEquals(0.25, m.deadFraction(), 0.0);
    assertEquals(0.75, m.denseFraction(), 0.0);
    assertArrayEquals(new float[] {0.25f, 0.25f, 0.25f, 0f}, m.firingFrequency());
    assertEquals(4, m.topExamples().size());
    assertArrayEquals(new long[] {10}, m.topExamples().get(0).inputIds());
    assertArrayEquals(new long[] {11}, m.topExamples().get(1).inputIds());
    assertArrayEquals(new float[] {1f}, m.topExamples().get(1).activations());
    assertArrayEquals(new long[] {12}, m.topExamples().get(2).inputIds());
    assertArrayEquals(new long[0], m.topExamples().get(3).inputIds());
  }

  @Test
  void inputsAreScaledBeforeEncoding() {
    Map<String, HostTensor> w = Map.of(
        "W_enc", HostTensor.ofFloats(new long[] {1, 1}, 1),
        "b_enc", HostTensor.ofFloats(new long[] {1}, -1.5f),
        "W_dec", HostTensor.ofFloats(new long[] {1, 1}, 1),
        "b_dec", HostTensor.ofFloats(new long[] {1}, 0));
    RowBatch rows = RowBatch.of(1, new float[] {1, 2}, new long[] {0, 1});
    // scale 1: only x=2 clears the bias; scale 2: both do
    assertEquals(0.5, SaeEvaluator.evaluate(new Sae(new ReluL1Sae(1), 1, 1, 1.0, 0, w, new JsonObject()), rows, 1)
        .meanL0(), 0.0);
    assertEquals(1.0, SaeEvaluator.evaluate(new Sae(new ReluL1Sae(1), 1, 1, 2.0, 0, w, new JsonObject()), rows, 1)
        .meanL0(), 0.0);
  }
}

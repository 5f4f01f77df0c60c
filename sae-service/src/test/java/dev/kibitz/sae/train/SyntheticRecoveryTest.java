package dev.kibitz.sae.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kibitz.sae.arch.GatedSae;
import dev.kibitz.sae.arch.JumpReluSae;
import dev.kibitz.sae.arch.ReluL1Sae;
import dev.kibitz.sae.arch.SaeArchitecture;
import dev.kibitz.sae.arch.TopKSae;
import dev.kibitz.sae.synthetic.FeatureRecovery;
import dev.kibitz.sae.synthetic.SyntheticFeatures;
import org.junit.jupiter.api.Test;

/**
 * Each architecture, seeded, on 96 known unit directions in R^32 (3x superposition, about three
 * active per row) with width 256: the loss falls and the decoder recovers the true directions.
 * Measured mean max cosines (DJL 0.35.1, libtorch 2.7.1 CPU, 1 intra-op thread): ReLU-L1 0.9959,
 * Gated 0.9904, TopK 0.9865, JumpReLU 0.9716; the assertions leave margin to 0.9.
 */
class SyntheticRecoveryTest {
  static final SyntheticFeatures.Spec DATA = SyntheticFeatures.Spec.independent(32, 96, 3.0 / 96, 128, 7);

  static SaeTrainingConfig config(SaeArchitecture arch, int steps, double lr) {
    return new SaeTrainingConfig(arch, 32, 256, steps, 256, lr, 100, false, 1, 4096, 8, 200, 250, 0);
  }

  @Test
  void reluL1RecoversFeatures() throws Exception {
    assertRecovers(config(new ReluL1Sae(3), 800, 3e-3));
  }

  @Test
  void gatedRecoversFeatures() throws Exception {
    assertRecovers(config(new GatedSae(8), 1500, 1e-3));
  }

  @Test
  void topKRecoversFeatures() throws Exception {
    assertRecovers(config(new TopKSae(4, 16, 1.0 / 32), 800, 3e-3));
  }

  @Test
  void jumpReluRecoversFeatures() throws Exception {
    assertRecovers(config(new JumpReluSae(2, 0.5, 0.1), 1000, 3e-3));
  }

  private static void assertRecovers(SaeTrainingConfig c) throws Exception {
    SyntheticFeatures data = new SyntheticFeatures(DATA);
    double[] firstAndLast = new double[2];
    SaeTrainer.Outcome o = new SaeTrainer(c).train(data, null, (step, st) -> {
      firstAndLast[step <= 20 ? 0 : 1] += step <= 20 || step > c.steps() - 20 ? st.loss() / 20 : 0;
      return true;
    });
    assertTrue(o.completed());
    assertEquals(c.steps(), o.sae().step());
    double cos = FeatureRecovery.meanMaxCosine(data.directions(), o.sae().decoder());
    System.out.printf("%s: loss %.3f -> %.3f, mean max cosine %.4f%n", c.architecture().kind(), firstAndLast[0],
        firstAndLast[1], cos);
    assertTrue(firstAndLast[1] < 0.7 * firstAndLast[0], "loss " + firstAndLast[0] + " -> " + firstAndLast[1]);
    assertTrue(cos >= 0.9, c.architecture().kind() + " mean max cosine " + cos);
  }
}

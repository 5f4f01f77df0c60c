package dev.kibitz.sae.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.sae.Sae;
import dev.kibitz.sae.arch.ReluL1Sae;
import dev.kibitz.sae.arch.TopKSae;
import dev.kibitz.sae.checkpoint.ResumeState;
import dev.kibitz.sae.checkpoint.SaeCheckpoint;
import dev.kibitz.sae.synthetic.SyntheticFeatures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run stopped right after its step-60 checkpoint (as a crash would leave it) and restarted from
 * the folder ends bit-identical to an uninterrupted run: parameters, Adam moments, buffer, source
 * position and generators all round-trip, and the engine is deterministic on these shapes.
 */
class ResumeTest {
  private static SaeTrainingConfig config(dev.kibitz.sae.arch.SaeArchitecture arch) {
    // resampling every 40 steps with dead-after 10 makes the resampler's generator part of the state
    return new SaeTrainingConfig(arch, 16, 64, 150, 64, 3e-3, 20, true, 3, 1024, 4, 10, 40, 30);
  }

  @Test
  void reluL1ResumedRunEqualsUninterruptedRunBitForBit(@TempDir Path tmp) throws Exception {
    assertResumeExact(config(new ReluL1Sae(3)), tmp);
  }

  @Test
  void topKWithAuxKResumedRunEqualsUninterruptedRunBitForBit(@TempDir Path tmp) throws Exception {
    assertResumeExact(config(new TopKSae(3, 8, 1.0 / 32)), tmp);
  }

  private static void assertResumeExact(SaeTrainingConfig c, Path tmp) throws Exception {
    SyntheticFeatures.Spec spec = SyntheticFeatures.Spec.independent(16, 40, 0.06, 96, 11);
    Sae straight = new SaeTrainer(c).train(new SyntheticFeatures(spec), tmp.resolve("a"), (s, st) -> true).sae();

    Path dir = tmp.resolve("b");
    SaeTrainer.Outcome crashed = new SaeTrainer(c).train(new SyntheticFeatures(spec), dir, (s, st) -> s < 60);
    assertFalse(crashed.completed());
    assertEquals(60, ResumeState.read(dir).step());
    assertEquals(60, SaeCheckpoint.load(dir).step());
    SaeTrainer.Outcome resumed = new SaeTrainer(c).train(new SyntheticFeatures(spec), dir, (s, st) -> {
      assertTrue(s > 60, "resumed run repeated step " + s);
      return true;
    });
    assertTrue(resumed.completed());
    assertSame(straight.weights(), resumed.sae().weights());
    assertSame(straight.weights(), SaeCheckpoint.load(dir).weights());
    assertEquals(straight.inputScale(), resumed.sae().inputScale(), 0.0);
    assertFalse(Files.exists(dir.resolve(ResumeState.FILE + ".tmp")));
  }

  private static void assertSame(Map<String, HostTensor> a, Map<String, HostTensor> b) {
    assertEquals(a.keySet(), b.keySet());
    a.forEach((k, v) -> assertTrue(v.sameAs(b.get(k)), k + " differs after resume"));
  }
}

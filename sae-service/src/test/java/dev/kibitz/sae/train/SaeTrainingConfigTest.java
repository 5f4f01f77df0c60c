package dev.kibitz.sae.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kibitz.sae.arch.TopKSae;
import org.junit.jupiter.api.Test;

class SaeTrainingConfigTest {

  @Test
  void standardConfigIsTheOneTheMazeExperimentSpelledOutBefore() {
    TopKSae arch = new TopKSae(16, 32, 1.0 / 32);
    assertEquals(new SaeTrainingConfig(arch, 32, 1024, 3000, 256, 1e-3, 300, true, 7, 16_384, 8, 2_000, 2_500, 1_000),
        SaeTrainingConfig.standard(arch, 32, 1024, 3000, 7));
    assertEquals(500, SaeTrainingConfig.standard(arch, 32, 1024, 20_000, 7).warmupSteps());
  }
}

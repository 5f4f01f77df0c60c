package dev.kibitz.probe.fit;

import dev.kibitz.probe.synthetic.PlantedConcept;

/** Ridge's tests with more features than rows (300 vs 60): the n x n (dual) solve. */
class WideRidgeTest extends RidgeTest {
  private static final PlantedConcept.Sample SAMPLE = PlantedConcept.dense(300, 0.7, 0, 5).real(60, 6);

  @Override
  PlantedConcept.Sample sample() {
    return SAMPLE;
  }
}
